package dev.sriovctl.pve;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Request parameters in order, keys may repeat. PVE reads a PUT/POST body as
 * {@code application/x-www-form-urlencoded} where a repeated key makes an array
 * ({@code map=...&map=...}), which is how its GUI sends a mapping's {@code map} list
 * (pve-http-server AnyEvent.pm {@code decode_urlencoded}/{@code extract_params}).
 */
public final class Form {

    private final List<Map.Entry<String, String>> pairs;

    private Form(List<Map.Entry<String, String>> pairs) {
        this.pairs = List.copyOf(pairs);
    }

    public static Form of() {
        return new Form(List.of());
    }

    public Form with(String key, String value) {
        List<Map.Entry<String, String>> l = new ArrayList<>(pairs);
        l.add(Map.entry(key, value));
        return new Form(l);
    }

    /** One pair per value, in order: an array parameter. */
    public Form withAll(String key, List<String> values) {
        Form f = this;
        for (String v : values) f = f.with(key, v);
        return f;
    }

    public List<Map.Entry<String, String>> pairs() {
        return pairs;
    }

    public boolean isEmpty() {
        return pairs.isEmpty();
    }

    /** The urlencoded text ({@code a=1&b=x%2Cy}). */
    public String encode() {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, String> e : pairs) {
            if (sb.length() > 0) sb.append('&');
            sb.append(URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)).append('=')
                    .append(URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8));
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return encode();
    }
}
