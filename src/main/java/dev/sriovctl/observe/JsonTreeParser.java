package dev.sriovctl.observe;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Reads JSON (the outputs of {@code ip -j}, {@code devlink -j}, {@code ovs-vsctl --format=json},
 * the Proxmox API...) into the same {@link JsonNode} tree as {@code ObjectMapper.readTree}, with
 * jackson-core's parser alone: the first ObjectMapper of a run costs more than everything else a
 * short command does with JSON (README "Performance"), and reading a tree needs no data binding.
 */
public final class JsonTreeParser {
    private JsonTreeParser() {
    }

    /** Thread-safe and reusable; only makes parsers. */
    private static final JsonFactory FACTORY = new JsonFactory();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** The tree of a command output; {@link MissingNode} when it holds no value. */
    public static JsonNode parse(String text) {
        try {
            return read(text);
        } catch (JsonProcessingException e) {
            throw ParseException.of(e);
        }
    }

    /** As {@link #parse}, for callers that word a JSON problem themselves (its message and location). */
    public static JsonNode read(String text) throws JsonProcessingException {
        try (JsonParser p = FACTORY.createParser(text)) {
            return root(p);
        } catch (JsonProcessingException e) {
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a String involves no I/O
        }
    }

    /** As {@link #read(String)}, for bytes in any of JSON's encodings (UTF-8 in practice). */
    public static JsonNode read(byte[] json) throws JsonProcessingException {
        try (JsonParser p = FACTORY.createParser(json)) {
            return root(p);
        } catch (JsonProcessingException e) {
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The first value; what follows it is not read (as ObjectMapper.readTree by default). */
    private static JsonNode root(JsonParser p) throws IOException {
        return p.nextToken() == null ? MissingNode.getInstance() : value(p);
    }

    private static JsonNode value(JsonParser p) throws IOException {
        return switch (p.currentToken()) {
            case START_OBJECT -> object(p);
            case START_ARRAY -> array(p);
            case VALUE_STRING -> NODES.textNode(p.getText());
            case VALUE_NUMBER_INT -> switch (p.getNumberType()) {
                case INT -> NODES.numberNode(p.getIntValue());
                case LONG -> NODES.numberNode(p.getLongValue());
                default -> NODES.numberNode(p.getBigIntegerValue());
            };
            case VALUE_NUMBER_FLOAT -> p.getNumberType() == JsonParser.NumberType.BIG_DECIMAL
                    ? NODES.numberNode(p.getDecimalValue()) : NODES.numberNode(p.getDoubleValue());
            case VALUE_TRUE -> BooleanNode.TRUE;
            case VALUE_FALSE -> BooleanNode.FALSE;
            default -> NullNode.getInstance(); // VALUE_NULL: text holds no other token here
        };
    }

    private static ObjectNode object(JsonParser p) throws IOException {
        ObjectNode o = NODES.objectNode();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            p.nextToken();
            o.set(name, value(p)); // a repeated name: the last one counts, as with readTree
        }
        return o;
    }

    private static ArrayNode array(JsonParser p) throws IOException {
        ArrayNode a = NODES.arrayNode();
        while (p.nextToken() != JsonToken.END_ARRAY) a.add(value(p));
        return a;
    }
}
