package dev.sriovctl.pve;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A PVE API token id, {@code USER@REALM!TOKENID} (pveum.adoc; pve-access-control AccessControl.pm
 * {@code pve_verify_tokenid}: user name without whitespace, ':' or '/', realm and token name
 * starting with a letter).
 */
public record TokenId(String user, String realm, String name) {

    private static final Pattern FORMAT = Pattern.compile(
            "([^\\s:/@!]+)@([A-Za-z][A-Za-z0-9._-]+)!([A-Za-z][A-Za-z0-9._-]+)");

    public TokenId {
        if (!FORMAT.matcher(user + "@" + realm + "!" + name).matches()) {
            throw new IllegalArgumentException("not a PVE API token id: '" + user + "@" + realm + "!" + name
                    + "' (expected USER@REALM!TOKENID, e.g. sriovctl@pve!ops)");
        }
    }

    public static TokenId parse(String text) {
        Matcher m = text == null ? null : FORMAT.matcher(text.strip());
        if (m == null || !m.matches()) {
            throw new IllegalArgumentException("not a PVE API token id: '" + text + "' (expected USER@REALM!TOKENID, e.g. sriovctl@pve!ops)");
        }
        return new TokenId(m.group(1), m.group(2), m.group(3));
    }

    /** The user the token belongs to, {@code USER@REALM}. */
    public String userId() {
        return user + "@" + realm;
    }

    @Override
    public String toString() {
        return userId() + "!" + name;
    }
}
