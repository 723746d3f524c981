package dev.sriovctl.sim.ovs;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Parses values the way ovs-vsctl reads them from its arguments (lib/ovsdb-data.c
 * ovsdb_datum_from_string, ovsdb_token_parse, ovsdb_atom_from_string), with the same error messages:
 * tokens end at one of {@code :=, []{}!<>} outside double quotes; a quoted token is a JSON string;
 * sets may be bracketed, maps braced; constraints (enum, integer range) are checked per atom.
 */
final class DatumParser {
    private DatumParser() {
    }

    static boolean isDelim(char c) {
        return ":=, []{}!<>".indexOf(c) >= 0;
    }

    /** A position in a string being parsed. */
    static final class Cursor {
        final String s;
        int p;

        Cursor(String s) {
            this.s = s;
        }

        boolean end() {
            return p >= s.length();
        }

        char peek() {
            return end() ? '\0' : s.charAt(p);
        }

        String rest() {
            return s.substring(Math.min(p, s.length()));
        }

        void skipSpaces() {
            while (!end() && Character.isWhitespace(s.charAt(p))) p++;
        }
    }

    /** ovsdb_token_parse: the raw token (quotes kept) up to the next delimiter outside quotes. */
    static String token(Cursor c) {
        String start = c.rest();
        StringBuilder out = new StringBuilder();
        boolean inQuotes = false;
        while (!c.end()) {
            char ch = c.s.charAt(c.p++);
            if (ch == '\\') {
                if (inQuotes) out.append('\\');
                if (c.end()) throw new VsctlError(start + ": backslash at end of argument");
                out.append(c.s.charAt(c.p++));
            } else if (!inQuotes && isDelim(ch)) {
                c.p--;
                break;
            } else {
                out.append(ch);
                if (ch == '"') inQuotes = !inQuotes;
            }
        }
        if (inQuotes) throw new VsctlError(start + ": missing quote at end of quoted string");
        return out.toString();
    }

    /** ovsdb_atom_from_string plus the constraint check. {@code allowRange}: "1-3" for integer sets. */
    static List<Object> atoms(String token, OvsSchema.BaseType base, boolean allowRange) {
        List<Object> out = new ArrayList<>();
        switch (base.kind()) {
            case INTEGER -> {
                int dash = token.indexOf('-', 1);
                if (allowRange && dash > 0) {
                    long a = parseLong(token.substring(0, dash), token);
                    long b = parseLong(token.substring(dash + 1), token);
                    if (b < a) throw new VsctlError("range end \"" + b + "\" is less than range start \"" + a + "\"");
                    for (long x = a; x <= b; x++) out.add(checked(x, base));
                } else {
                    out.add(checked(parseLong(token, token), base));
                }
            }
            case REAL -> {
                try {
                    out.add(Double.parseDouble(token));
                } catch (NumberFormatException e) {
                    throw new VsctlError("\"" + token + "\" is not a valid real number");
                }
            }
            case BOOLEAN -> {
                if (token.equals("true")) out.add(true);
                else if (token.equals("false")) out.add(false);
                else throw new VsctlError("\"" + token + "\" is not a valid boolean (use \"true\" or \"false\")");
            }
            case STRING -> {
                String v = token;
                if (token.startsWith("\"")) {
                    if (token.length() < 2 || !token.endsWith("\"")) throw new VsctlError(token + ": missing quote at end of quoted string");
                    v = unescape(token.substring(1, token.length() - 1), token);
                } else if (token.isEmpty()) {
                    throw new VsctlError("An empty string is not valid as input; use \"\" to represent the empty string");
                }
                out.add(checked(v, base));
            }
            case UUID -> {
                if (!Uuids.isUuid(token)) throw new VsctlError("\"" + token + "\" is not a valid UUID");
                out.add(UUID.fromString(token));
            }
        }
        return out;
    }

    private static long parseLong(String s, String whole) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            throw new VsctlError("\"" + whole + "\" is not a valid integer or range");
        }
    }

    private static Object checked(Object atom, OvsSchema.BaseType base) {
        if (atom instanceof Long l) {
            Long lo = base.minInteger(), hi = base.maxInteger();
            if ((lo != null && l < lo) || (hi != null && l > hi)) {
                if (lo != null && hi != null) {
                    throw new VsctlError("constraint violation: " + l + " is not in the valid range " + lo + " to " + hi + " (inclusive)");
                }
                if (lo != null) throw new VsctlError("constraint violation: " + l + " is less than minimum allowed value " + lo);
                throw new VsctlError("constraint violation: " + l + " is greater than maximum allowed value " + hi);
            }
        }
        if (atom instanceof String s && base.enumValues() != null && !base.enumValues().contains(s)) {
            List<String> allowed = new ArrayList<>(base.enumValues());
            allowed.sort(String::compareTo);
            throw new VsctlError("constraint violation: " + Datum.atomText(s) + " is not one of the allowed values ([" + String.join(", ", allowed) + "])");
        }
        return atom;
    }

    /** JSON string unescaping (json_string_unescape). */
    static String unescape(String s, String whole) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            if (++i >= s.length()) throw new VsctlError(whole + ": quoted string may not end with backslash");
            char e = s.charAt(i);
            switch (e) {
                case '"', '\\', '/' -> sb.append(e);
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                case 'u' -> {
                    if (i + 4 >= s.length()) throw new VsctlError(whole + ": malformed \\u escape");
                    sb.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
                    i += 4;
                }
                default -> throw new VsctlError(whole + ": bad escape \\" + e);
            }
        }
        return sb.toString();
    }

    /** One atom given whole (the value after "col:key="): ovsdb_atom_from_string, no tokenizing. */
    static Object atom(String s, OvsSchema.BaseType base) {
        return atoms(s, base, false).get(0);
    }

    /** ovsdb_datum_from_string for a column type. */
    static Datum datum(String s, OvsSchema.ColumnType type) {
        boolean isMap = type.isMap();
        Cursor c = new Cursor(s);
        c.skipSpaces();
        char endDelim = 0;
        if (c.peek() == (isMap ? '{' : '[')) {
            endDelim = isMap ? '}' : ']';
            c.p++;
            c.skipSpaces();
        } else if (c.end()) {
            throw new VsctlError(isMap ? "use \"{}\" to specify the empty map" : "use \"[]\" to specify the empty set");
        }
        List<Object> keys = new ArrayList<>();
        Map<Object, Object> map = new LinkedHashMap<>();
        int n = 0;
        while (!c.end() && c.peek() != endDelim) {
            if (isDelim(c.peek())) {
                throw new VsctlError(s + ": unexpected \"" + c.peek() + "\" parsing " + english(type));
            }
            String elemStart = c.rest();
            List<Object> ks = atoms(token(c), type.key(), !isMap);
            if (isMap) {
                c.skipSpaces();
                if (c.peek() != '=') {
                    throw new VsctlError(elemStart + ": syntax error at \"" + (c.end() ? "" : String.valueOf(c.peek())) + "\" expecting \"=\"");
                }
                c.p++;
                c.skipSpaces();
                Object v = atoms(token(c), type.value(), false).get(0);
                Object k = ks.get(0);
                for (Object existing : map.keySet()) {
                    if (Datum.ATOM_ORDER.compare(existing, k) == 0) throw new VsctlError(s + ": map contains duplicate key");
                }
                map.put(k, v);
                n++;
            } else {
                for (Object k : ks) {
                    for (Object existing : keys) {
                        if (Datum.ATOM_ORDER.compare(existing, k) == 0) throw new VsctlError(s + ": set contains duplicate value");
                    }
                    keys.add(k);
                    n++;
                }
            }
            c.skipSpaces();
            if (c.peek() == ',') {
                c.p++;
                c.skipSpaces();
            }
        }
        if (c.peek() != endDelim || (endDelim == 0 && !c.end())) {
            throw new VsctlError(s + ": missing \"" + endDelim + "\" at end of data");
        }
        if (endDelim != 0) {
            c.p++;
            c.skipSpaces();
            if (!c.end()) throw new VsctlError(s + ": trailing garbage after \"" + endDelim + "\"");
        }
        if (n < type.min()) throw new VsctlError(s + ": " + n + " value(s) specified but the minimum number is " + type.min());
        if (n > type.max()) throw new VsctlError(s + ": " + n + " value(s) specified but the maximum number is " + type.max());
        return isMap ? Datum.map(map) : Datum.set(keys);
    }

    /** ovsdb_type_to_english. */
    static String english(OvsSchema.ColumnType type) {
        String key = type.key().typeName();
        if (type.isScalar()) return key;
        StringBuilder sb = new StringBuilder(type.isMap() ? "map" : "set");
        if (type.max() == Integer.MAX_VALUE) {
            if (type.min() > 0) sb.append(" of ").append(type.min()).append(" or more");
            else sb.append(" of");
        } else if (type.min() > 0) {
            sb.append(" of ").append(type.min()).append(" to ").append(type.max());
        } else {
            sb.append(" of up to ").append(type.max());
        }
        if (type.isMap()) sb.append(" (").append(key).append(", ").append(type.value().typeName()).append(") pairs");
        else sb.append(' ').append(key).append('s');
        return sb.toString();
    }
}
