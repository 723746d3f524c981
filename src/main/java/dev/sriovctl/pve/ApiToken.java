package dev.sriovctl.pve;

/**
 * An API token: its id and its secret. The Authorization header value is
 * {@code PVEAPIToken=USER@REALM!TOKENID=SECRET} (pveum.adoc "API Tokens"; pve-http-server
 * Formatter.pm extracts it with {@code (?:^|\s)PVEAPIToken(?:=| )([^;]*)}). Its string form
 * names the id only.
 */
public record ApiToken(TokenId id, Secret secret) {

    String authorization() {
        return "PVEAPIToken=" + id + "=" + secret.reveal();
    }

    @Override
    public String toString() {
        return id + " (secret <redacted>)";
    }
}
