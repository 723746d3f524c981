package dev.sriovctl.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;

import java.io.PrintWriter;

/** Prints results as JSON or YAML with the field names of the contracts; nulls are kept. */
public final class Printer {
    private Printer() {
    }

    private static ObjectMapper json;
    private static ObjectMapper yaml;

    public static synchronized ObjectMapper json() {
        if (json == null) {
            json = new ObjectMapper()
                    .enable(SerializationFeature.INDENT_OUTPUT)
                    .enable(SerializationFeature.WRITE_ENUMS_USING_TO_STRING);
        }
        return json;
    }

    static synchronized ObjectMapper yaml() {
        if (yaml == null) {
            yaml = new ObjectMapper(YAMLFactory.builder()
                    .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                    .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                    .disable(YAMLGenerator.Feature.USE_NATIVE_TYPE_ID) // "op: run", as in JSON, not "!<run>"
                    .build())
                    .enable(SerializationFeature.WRITE_ENUMS_USING_TO_STRING);
        }
        return yaml;
    }

    public static void print(PrintWriter out, OutputFormat format, Object value) {
        try {
            switch (format) {
                case JSON -> out.println(json().writeValueAsString(value));
                case YAML -> out.print(yaml().writeValueAsString(value));
                default -> throw new IllegalArgumentException("not a data format: " + format);
            }
            out.flush();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise result: " + e.getOriginalMessage(), e);
        }
    }
}
