CREATE TABLE activity (
  id INTEGER PRIMARY KEY,
  projectId INTEGER NOT NULL REFERENCES project(id),
  walletId INTEGER NOT NULL REFERENCES wallet(id),
  kind TEXT NOT NULL,
  at TEXT NOT NULL,
  atSeconds INTEGER NOT NULL,
  chain TEXT NOT NULL DEFAULT '',
  txHash TEXT NOT NULL DEFAULT '',
  volumeQuantity TEXT,
  volumeAsset TEXT,
  volumeUsd TEXT,
  feeQuantity TEXT,
  feeAsset TEXT,
  feeUsd TEXT,
  points TEXT,
  note TEXT,
  source TEXT NOT NULL,
  failed INTEGER NOT NULL DEFAULT 0,
  counterparty TEXT,
  createdAt TEXT NOT NULL
) STRICT;
CREATE TABLE allocation (
  id INTEGER PRIMARY KEY,
  projectId INTEGER NOT NULL REFERENCES project(id),
  walletId INTEGER NOT NULL REFERENCES wallet(id),
  quantity TEXT NOT NULL,
  asset TEXT NOT NULL,
  deadline TEXT,
  claimId INTEGER REFERENCES movement(id),
  createdAt TEXT NOT NULL,
  UNIQUE (projectId, walletId, asset)
) STRICT;
CREATE TABLE ledgerInfo (
  key TEXT PRIMARY KEY NOT NULL,
  value TEXT NOT NULL
) STRICT;
CREATE TABLE movement (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL CHECK (kind IN ('claim','buy','sell','transfer')),
  walletId INTEGER NOT NULL REFERENCES wallet(id),
  toWalletId INTEGER REFERENCES wallet(id),
  projectId INTEGER REFERENCES project(id),
  quantity TEXT NOT NULL,
  asset TEXT NOT NULL,
  at TEXT NOT NULL,
  atSeconds INTEGER NOT NULL,
  priceUsd TEXT,
  feeUsd TEXT,
  feeQuantity TEXT,
  txHash TEXT,
  source TEXT NOT NULL,
  createdAt TEXT NOT NULL
) STRICT;
CREATE TABLE pointsReading (
  id INTEGER PRIMARY KEY,
  projectId INTEGER NOT NULL REFERENCES project(id),
  walletId INTEGER NOT NULL REFERENCES wallet(id),
  at TEXT NOT NULL,
  atSeconds INTEGER NOT NULL,
  points TEXT NOT NULL,
  createdAt TEXT NOT NULL
) STRICT;
CREATE TABLE price (
  id INTEGER PRIMARY KEY,
  asset TEXT NOT NULL,
  at TEXT NOT NULL,
  atSeconds INTEGER NOT NULL,
  usd TEXT NOT NULL,
  source TEXT NOT NULL CHECK (source IN ('manual','import')),
  createdAt TEXT NOT NULL,
  UNIQUE (asset, atSeconds)
) STRICT;
CREATE TABLE project (
  id INTEGER PRIMARY KEY,
  slug TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('confirmed','likely','possible','speculative','launched','ended')),
  status2024 TEXT,
  category TEXT NOT NULL CHECK (category IN ('L1','L2','DeFi','infra','NFT','other')),
  token TEXT,
  airdropDate TEXT,
  techScore INTEGER,
  raisedUsd TEXT,
  valuationUsd TEXT,
  narratives TEXT NOT NULL DEFAULT '',
  competitors TEXT NOT NULL DEFAULT '',
  investors TEXT NOT NULL DEFAULT '',
  notes TEXT,
  probability TEXT,
  airdropShare TEXT,
  expectedRecipients TEXT,
  expectedFdvUsd TEXT,
  pointsPool TEXT,
  totalPoints TEXT,
  origin TEXT NOT NULL,
  createdAt TEXT NOT NULL,
  updatedAt TEXT NOT NULL
) STRICT;
CREATE TABLE wallet (
  id INTEGER PRIMARY KEY,
  label TEXT NOT NULL UNIQUE COLLATE NOCASE,
  address TEXT NOT NULL,
  chain TEXT NOT NULL,
  family TEXT NOT NULL,
  walletGroup TEXT,
  status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'burned')),
  createdAt TEXT NOT NULL,
  UNIQUE (chain, address)
) STRICT;
CREATE INDEX activityByProjectWallet ON activity(projectId, walletId, atSeconds);
CREATE INDEX activityByWallet ON activity(walletId, atSeconds);
CREATE UNIQUE INDEX activityNaturalKey ON activity(walletId, projectId, chain, txHash, kind) WHERE txHash <> '';
CREATE INDEX movementByAsset ON movement(asset, atSeconds);
CREATE INDEX pointsByProjectWallet ON pointsReading(projectId, walletId, atSeconds);
