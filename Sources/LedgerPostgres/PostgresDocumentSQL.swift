/// The ledger document (`export ledger`'s JSON) into rows and back, in SQL run by the server.
///
/// In: the document sits in a temporary table (`airledgerDocument.doc`, jsonb); each table's rows are
/// taken from its array in the document's order, their ids the positions (1, 2, ...), so a claim an
/// allocation names by its place in `movements` is found by id. A JSON string goes into a `numeric`
/// by the server's own exact parse; an amount "1250 STRK" is split into its quantity and its asset.
/// A label or slug that names nothing gives a NULL id, which the NOT NULL columns refuse; a nullable
/// reference that names nothing (a transfer's `toWallet`) is caught by the read-back check.
///
/// Out: one JSON document, each record's keys those of the document, times as the document writes
/// them (UTC, whole seconds, `Z`), numerics as their text, in the order `export ledger` gives on
/// SQLite: wallets by id, projects by slug, activity and points by time then id, movements by time
/// then id, allocations by id, prices by asset then time (byte order, as SQLite sorts text).
enum PostgresDocumentSQL {
    static func time(_ column: String) -> String {
        "to_char(\(column) AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS\"Z\"')"
    }
    static func date(_ column: String) -> String { "to_char(\(column), 'YYYY-MM-DD')" }
    static func amount(_ quantity: String, _ asset: String) -> String { "(\(quantity)::text || ' ' || \(asset))" }
    static func array(_ key: String) -> String {
        "ARRAY(SELECT x FROM jsonb_array_elements_text(r->'\(key)') WITH ORDINALITY AS t(x, n) ORDER BY n)"
    }
    static func quantityOf(_ key: String) -> String { "split_part(r->>'\(key)', ' ', 1)::numeric" }
    static func assetOf(_ key: String) -> String { "nullif(split_part(r->>'\(key)', ' ', 2), '')" }
    static func rows(_ key: String) -> String {
        "FROM airledgerDocument d, jsonb_array_elements(d.doc->'\(key)') WITH ORDINALITY AS e(r, ord) ORDER BY ord"
    }
    static let walletId = "(SELECT id FROM wallet WHERE label = r->>'wallet')"
    static let projectId = "(SELECT id FROM project WHERE slug = r->>'project')"
    /// A movement's place in the document's `movements` (0-based): by time, then id.
    static let movementPlaces = "(SELECT id, row_number() OVER (ORDER BY at, id) - 1 AS place FROM movement)"

    static let inserts: [(table: String, sql: String)] = [
        ("wallet", """
            INSERT INTO wallet (id, label, address, chain, walletGroup, status, broker, createdAt)
            SELECT ord, r->>'label', r->>'address', r->>'chain', r->>'group', r->>'status', r->>'broker', (r->>'createdAt')::timestamptz
            \(rows("wallets"))
            """),
        ("project", """
            INSERT INTO project (id, slug, name, status, status2024, category, token, airdropDate, techScore, raisedUsd, valuationUsd,
                                 narratives, competitors, investors, notes, probability, airdropShare, expectedRecipients, expectedFdvUsd,
                                 pointsPool, totalPoints, totalSupply, origin)
            SELECT ord, r->>'slug', r->>'name', r->>'status', r->>'status2024', r->>'category', r->>'token', (r->>'airdropDate')::date,
                   (r->>'techScore')::integer, (r->>'raisedUsd')::numeric, (r->>'valuationUsd')::numeric,
                   \(array("narratives")), \(array("competitors")), \(array("investors")), r->>'notes',
                   (r->>'probability')::numeric, (r->>'airdropShare')::numeric, (r->>'expectedRecipients')::numeric,
                   (r->>'expectedFdvUsd')::numeric, (r->>'pointsPool')::numeric, (r->>'totalPoints')::numeric,
                   (r->>'totalSupply')::numeric, r->>'origin'
            \(rows("projects"))
            """),
        ("activity", """
            INSERT INTO activity (id, projectId, walletId, kind, at, chain, txHash, volumeQuantity, volumeAsset, volumeUsd,
                                  feeQuantity, feeAsset, feeUsd, points, note, source, failed, counterparty, leg)
            SELECT ord, \(projectId), \(walletId), r->>'kind', (r->>'at')::timestamptz, coalesce(r->>'chain', ''),
                   coalesce(r->>'txHash', ''), \(quantityOf("volume")), \(assetOf("volume")), (r->>'volumeUsd')::numeric,
                   \(quantityOf("fee")), \(assetOf("fee")), (r->>'feeUsd')::numeric, (r->>'points')::numeric, r->>'note',
                   r->>'source', coalesce((r->>'failed')::boolean, false), r->>'counterparty', coalesce(r->>'leg', '')
            \(rows("activities"))
            """),
        ("pointsReading", """
            INSERT INTO pointsReading (id, projectId, walletId, at, points)
            SELECT ord, \(projectId), \(walletId), (r->>'at')::timestamptz, (r->>'points')::numeric
            \(rows("pointsReadings"))
            """),
        ("movement", """
            INSERT INTO movement (id, kind, walletId, toWalletId, projectId, quantity, asset, at, priceUsd, feeUsd, feeQuantity, txHash, source)
            SELECT ord, r->>'kind', \(walletId), (SELECT id FROM wallet WHERE label = r->>'toWallet'), \(projectId),
                   \(quantityOf("amount")), \(assetOf("amount")), (r->>'at')::timestamptz, (r->>'priceUsd')::numeric,
                   (r->>'feeUsd')::numeric, (r->>'feeQuantity')::numeric, r->>'txHash', 'import:ledger'
            \(rows("movements"))
            """),
        ("allocation", """
            INSERT INTO allocation (id, projectId, walletId, quantity, asset, deadline, claimId)
            SELECT ord, \(projectId), \(walletId), \(quantityOf("amount")), \(assetOf("amount")), (r->>'deadline')::date,
                   (SELECT m.id FROM \(movementPlaces) m WHERE m.place = (r->>'claim')::bigint)
            \(rows("allocations"))
            """),
        ("price", """
            INSERT INTO price (id, asset, at, usd, source)
            SELECT ord, r->>'asset', (r->>'at')::timestamptz, (r->>'usd')::numeric, r->>'source'
            \(rows("prices"))
            """),
    ]

    static func list(_ object: String, from: String, order: String) -> String {
        "coalesce((SELECT jsonb_agg(jsonb_strip_nulls(\(object)) ORDER BY \(order)) \(from)), '[]'::jsonb)"
    }

    /// $1 the format name, $2 its version.
    static let read = """
        SELECT jsonb_build_object(
          'format', $1::text, 'version', $2::integer,
          'wallets', \(list("""
            jsonb_build_object('label', label, 'address', address, 'chain', chain, 'status', status, 'createdAt', \(time("createdAt")),
                               'group', walletGroup, 'broker', broker)
            """, from: "FROM wallet", order: "id")),
          'projects', \(list("""
            jsonb_build_object('slug', slug, 'name', name, 'status', status, 'category', category, 'origin', origin,
                               'status2024', status2024, 'token', token, 'airdropDate', \(date("airdropDate")),
                               'raisedUsd', raisedUsd::text, 'valuationUsd', valuationUsd::text, 'notes', notes, 'techScore', techScore,
                               'narratives', to_jsonb(narratives), 'competitors', to_jsonb(competitors), 'investors', to_jsonb(investors),
                               'probability', probability::text, 'airdropShare', airdropShare::text,
                               'expectedRecipients', expectedRecipients::text, 'expectedFdvUsd', expectedFdvUsd::text,
                               'pointsPool', pointsPool::text, 'totalPoints', totalPoints::text, 'totalSupply', totalSupply::text)
            """, from: "FROM project", order: "slug COLLATE \"C\"")),
          'activities', \(list("""
            jsonb_build_object('project', p.slug, 'wallet', w.label, 'kind', a.kind, 'at', \(time("a.at")), 'source', a.source,
                               'chain', nullif(a.chain, ''), 'txHash', nullif(a.txHash, ''),
                               'volume', \(amount("a.volumeQuantity", "a.volumeAsset")), 'volumeUsd', a.volumeUsd::text,
                               'fee', \(amount("a.feeQuantity", "a.feeAsset")), 'feeUsd', a.feeUsd::text, 'points', a.points::text,
                               'note', a.note, 'counterparty', a.counterparty, 'failed', a.failed, 'leg', nullif(a.leg, ''))
            """, from: "FROM activity a JOIN project p ON p.id = a.projectId JOIN wallet w ON w.id = a.walletId", order: "a.at, a.id")),
          'pointsReadings', \(list("""
            jsonb_build_object('project', p.slug, 'wallet', w.label, 'at', \(time("r.at")), 'points', r.points::text)
            """, from: "FROM pointsReading r JOIN project p ON p.id = r.projectId JOIN wallet w ON w.id = r.walletId", order: "r.at, r.id")),
          'movements', \(list("""
            jsonb_build_object('kind', m.kind, 'wallet', w.label, 'amount', \(amount("m.quantity", "m.asset")), 'at', \(time("m.at")),
                               'toWallet', t.label, 'project', p.slug, 'priceUsd', m.priceUsd::text, 'feeUsd', m.feeUsd::text,
                               'feeQuantity', m.feeQuantity::text, 'txHash', m.txHash)
            """, from: "FROM movement m JOIN wallet w ON w.id = m.walletId LEFT JOIN wallet t ON t.id = m.toWalletId LEFT JOIN project p ON p.id = m.projectId",
               order: "m.at, m.id")),
          'allocations', \(list("""
            jsonb_build_object('project', p.slug, 'wallet', w.label, 'amount', \(amount("a.quantity", "a.asset")),
                               'deadline', \(date("a.deadline")), 'claim', c.place)
            """, from: "FROM allocation a JOIN project p ON p.id = a.projectId JOIN wallet w ON w.id = a.walletId LEFT JOIN \(movementPlaces) c ON c.id = a.claimId",
               order: "a.id")),
          'prices', \(list("""
            jsonb_build_object('asset', asset, 'at', \(time("at")), 'usd', usd::text, 'source', source)
            """, from: "FROM price", order: "asset COLLATE \"C\", at"))
        )::text
        """
}
