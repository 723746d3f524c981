package dev.sriovctl.sim.ovs;

/**
 * What ovsdb-server refuses at commit, beyond what ovs-vsctl checks itself: more values than a column
 * allows (an {@code add} past the maximum), an empty column that must hold a value, references to rows
 * that do not exist, and duplicate names in an indexed table.
 */
final class ServerChecks {
    private ServerChecks() {
    }

    /** The transaction error as ovs-vsctl prints it after "transaction error: ", or null when the database is valid. */
    static String violation(OvsDatabase db) {
        for (String t : OvsSchema.MODELLED) {
            java.util.Set<String> names = new java.util.HashSet<>();
            for (OvsRow r : db.rows(t)) {
                for (OvsSchema.Column c : r.table().columns()) {
                    Datum d = r.get(c.name());
                    if (d.size() > c.type().max()) {
                        return error("Attempted to store " + d.size() + " elements in " + DatumParser.english(c.type()) + ".",
                                "constraint violation");
                    }
                    if (d.size() < c.type().min()) {
                        return error("Attempted to store " + d.size() + " elements in " + DatumParser.english(c.type()) + ".",
                                "constraint violation");
                    }
                    String ref = c.type().key().refTable();
                    if (ref != null) {
                        for (Object o : d.keys()) {
                            if (!OvsSchema.isModelled(ref) || db.row(ref, (java.util.UUID) o).isEmpty()) {
                                return error("Table " + t + " column " + c.name() + " row " + r.uuid() + " references nonexistent row "
                                        + o + " in table " + ref + ".", "referential integrity violation");
                            }
                        }
                    }
                }
                if (!t.equals("Open_vSwitch") && !names.add(r.name())) {
                    return error("Transaction causes multiple rows in \"" + t + "\" table to have identical values (" + Datum.quote(r.name())
                            + ") for index on column \"name\".", "constraint violation");
                }
            }
        }
        return null;
    }

    private static String error(String details, String error) {
        return "{\"details\":" + Datum.quote(details) + ",\"error\":\"" + error + "\"}";
    }
}
