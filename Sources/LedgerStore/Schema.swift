import GRDB
import LedgerCore

extension LedgerDatabase {
    /// Migrations, in order. Never edit one after it ships: add a new one.
    static var migrator: DatabaseMigrator {
        var m = DatabaseMigrator()
        m.registerMigration("v1 ledger: wallets, projects, activity, points, allocations, movements, prices") { db in
            try db.execute(sql: """
                CREATE TABLE ledgerInfo (
                  key TEXT PRIMARY KEY NOT NULL,
                  value TEXT NOT NULL
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
                CREATE UNIQUE INDEX activityNaturalKey ON activity(walletId, projectId, chain, txHash, kind) WHERE txHash <> '';
                CREATE INDEX activityByProjectWallet ON activity(projectId, walletId, atSeconds);
                CREATE INDEX activityByWallet ON activity(walletId, atSeconds);
                CREATE TABLE pointsReading (
                  id INTEGER PRIMARY KEY,
                  projectId INTEGER NOT NULL REFERENCES project(id),
                  walletId INTEGER NOT NULL REFERENCES wallet(id),
                  at TEXT NOT NULL,
                  atSeconds INTEGER NOT NULL,
                  points TEXT NOT NULL,
                  createdAt TEXT NOT NULL
                ) STRICT;
                CREATE INDEX pointsByProjectWallet ON pointsReading(projectId, walletId, atSeconds);
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
                CREATE INDEX movementByAsset ON movement(asset, atSeconds);
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
                """)
        }
        m.registerMigration("v2 project total supply") { db in
            try db.execute(sql: "ALTER TABLE project ADD COLUMN totalSupply TEXT")
        }
        // One transaction can give several entries (normal, internal and token-transfer exports of the
        // same swap): the leg tells them apart in the natural key, so importing every export keeps all.
        m.registerMigration("v3 activity leg") { db in
            try db.execute(sql: """
                ALTER TABLE activity ADD COLUMN leg TEXT NOT NULL DEFAULT '';
                DROP INDEX activityNaturalKey;
                CREATE UNIQUE INDEX activityNaturalKey ON activity(walletId, projectId, chain, txHash, kind, leg) WHERE txHash <> '';
                """)
        }
        // Issue 14: prices fetched from DefiLlama or CoinGecko are stored with their source and fetch
        // time (SQLite cannot widen a CHECK in place, so the table is rebuilt with its rows), and the
        // coin a symbol means when the user chose one (`asset set SYMBOL --coin ID`).
        m.registerMigration("v4 fetched prices and asset coins") { db in
            try db.execute(sql: """
                CREATE TABLE price4 (
                  id INTEGER PRIMARY KEY,
                  asset TEXT NOT NULL,
                  at TEXT NOT NULL,
                  atSeconds INTEGER NOT NULL,
                  usd TEXT NOT NULL,
                  source TEXT NOT NULL CHECK (source IN ('manual','import','defillama','coingecko')),
                  fetchedAt TEXT,
                  createdAt TEXT NOT NULL,
                  UNIQUE (asset, atSeconds)
                ) STRICT;
                INSERT INTO price4(id, asset, at, atSeconds, usd, source, createdAt)
                  SELECT id, asset, at, atSeconds, usd, source, createdAt FROM price;
                DROP TABLE price;
                ALTER TABLE price4 RENAME TO price;
                CREATE TABLE assetCoin (
                  asset TEXT PRIMARY KEY NOT NULL,
                  coin TEXT NOT NULL,
                  createdAt TEXT NOT NULL
                ) STRICT;
                """)
        }
        // Issue 13: a wallet held at a broker (an exchange account) gets Form 1099-DA, so its sales
        // go to Form 8949 boxes G/H (J/K) from tax year 2025; no broker means self-custody (I/L).
        m.registerMigration("v5 wallet broker") { db in
            try db.execute(sql: "ALTER TABLE wallet ADD COLUMN broker TEXT")
        }
        // Issue 11: the change journal (see LedgerDatabase+Journal.swift). The triggers are written from
        // the tables' columns as they are at this version; a later migration that adds a column to a
        // journaled table recreates that table's triggers with `journalTriggers`.
        m.registerMigration("v5 change journal") { db in
            try db.execute(sql: """
                CREATE TABLE change (
                  id INTEGER PRIMARY KEY,
                  at TEXT NOT NULL,
                  command TEXT NOT NULL,
                  undoneAt TEXT
                ) STRICT;
                CREATE TABLE changeRow (
                  id INTEGER PRIMARY KEY,
                  changeId INTEGER NOT NULL REFERENCES change(id),
                  tableName TEXT NOT NULL,
                  rowId INTEGER NOT NULL,
                  lastId INTEGER,
                  image TEXT
                ) STRICT;
                CREATE INDEX changeRowByChange ON changeRow(changeId);
                CREATE INDEX changeRowByRow ON changeRow(tableName, rowId);
                CREATE TABLE journalState (
                  id INTEGER PRIMARY KEY CHECK (id = 1),
                  changeId INTEGER
                ) STRICT;
                INSERT INTO journalState(id, changeId) VALUES (1, NULL);
                """)
            for table in journaledTables { try db.execute(sql: try journalTriggers(db, table: table)) }
        }
        // Issue 11: an entry's id (`c12`) is its row number, and must never name another entry later.
        // Without AUTOINCREMENT SQLite gives a new row max(rowid)+1, so removing (or undoing) the newest
        // entry would hand its number to the next one. Each entry table is rebuilt with AUTOINCREMENT,
        // rows, ids and indexes kept (its CREATE statements as stored, with the key changed), and its
        // journal triggers recreated (dropping a table drops them).
        m.registerMigration("v6 entry ids never reused, journal range row counts") { db in
            // The journal's insert ranges count their rows (numbers can be used without leaving a row).
            try db.execute(sql: "ALTER TABLE changeRow ADD COLUMN rowCount INTEGER")
            for table in ["activity", "pointsReading", "movement", "allocation", "price"] {
                guard let create = try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?",
                                                       arguments: [table]),
                      create.contains("id INTEGER PRIMARY KEY,") else {
                    throw StoreError.database("cannot rebuild table \(table): its definition is not the one this migration knows")
                }
                let indexes = try String.fetchAll(db, sql: "SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL",
                                                  arguments: [table])
                let rebuilt = create
                    .replacingOccurrences(of: "id INTEGER PRIMARY KEY,", with: "id INTEGER PRIMARY KEY AUTOINCREMENT,")
                    .replacingOccurrences(of: "CREATE TABLE \(table) (", with: "CREATE TABLE \(table)_v7 (")
                    .replacingOccurrences(of: "CREATE TABLE \"\(table)\" (", with: "CREATE TABLE \(table)_v7 (")
                guard rebuilt.contains("\(table)_v7") else {
                    throw StoreError.database("cannot rebuild table \(table): unexpected CREATE statement")
                }
                try db.execute(sql: rebuilt)
                try db.execute(sql: "INSERT INTO \(table)_v7 SELECT * FROM \(table)")
                try db.execute(sql: "DROP TABLE \(table)")
                try db.execute(sql: "ALTER TABLE \(table)_v7 RENAME TO \(table)")
                for index in indexes { try db.execute(sql: index) }
                try db.execute(sql: try journalTriggers(db, table: table))
            }
        }
        return m
    }

    static var schemaVersion: Int { migrator.migrations.count }

    static func migrate(_ queue: DatabaseQueue) throws {
        let m = migrator
        let path = queue.path
        try queue.read { db in
            if try m.hasBeenSuperseded(db) {
                var by = "a newer version", schema = 0
                if try db.tableExists("ledgerInfo") {
                    by = try String.fetchOne(db, sql: "SELECT value FROM ledgerInfo WHERE key = 'appVersion'") ?? by
                    schema = Int(try String.fetchOne(db, sql: "SELECT value FROM ledgerInfo WHERE key = 'schemaVersion'") ?? "") ?? 0
                }
                if schema == 0 { schema = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM grdb_migrations") ?? 0 }
                throw StoreError.tooNew(path: path, writtenBy: by, schema: schema, ours: appVersion, oursSchema: schemaVersion)
            }
        }
        let upToDate = try queue.read { db in
            try m.hasCompletedMigrations(db)
                && String.fetchOne(db, sql: "SELECT value FROM ledgerInfo WHERE key = 'schemaVersion'") == String(schemaVersion)
                && Int32.fetchOne(db, sql: "PRAGMA application_id") == applicationId
                && Int.fetchOne(db, sql: "PRAGMA user_version") == schemaVersion
        }
        if upToDate { return }
        try m.migrate(queue)
        try queue.write { db in
            try db.execute(sql: "INSERT OR REPLACE INTO ledgerInfo(key, value) VALUES ('appVersion', ?), ('schemaVersion', ?)",
                           arguments: [appVersion, String(schemaVersion)])
            // The file says what it is, and its schema, in SQLite's own header.
            try db.execute(sql: "PRAGMA application_id = \(applicationId)")
            try db.execute(sql: "PRAGMA user_version = \(schemaVersion)")
        }
    }
}
