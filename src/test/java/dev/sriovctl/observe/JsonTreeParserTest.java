package dev.sriovctl.observe;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.sriovctl.Fixtures;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** JsonTreeParser gives exactly the tree ObjectMapper.readTree gives, which the parsers were written against. */
class JsonTreeParserTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** The same tree as readTree, or an error where readTree has one. */
    private static void assertSameAsReadTree(String text) {
        JsonNode expected;
        try {
            expected = MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            assertThatThrownBy(() -> JsonTreeParser.read(text)).as(text).isInstanceOf(JsonProcessingException.class);
            return;
        }
        try {
            assertThat(JsonTreeParser.read(text)).as(text).isEqualTo(expected);
        } catch (JsonProcessingException e) {
            throw new AssertionError("readTree reads " + text + " but JsonTreeParser refuses it: " + e.getOriginalMessage(), e);
        }
    }

    @Test
    void readsEveryJsonFixtureIntoTheTreeReadTreeGives() throws IOException {
        Path root = Fixtures.shared().resolve("fixtures");
        List<String> json;
        try (Stream<Path> files = Files.walk(root)) {
            json = files.filter(Files::isRegularFile).map(f -> root.relativize(f).toString()).sorted()
                    .filter(f -> Fixtures.body(f).strip().matches("(?s)^[\\[{].*")).toList();
        }
        // ip -d -j link, ovs-vsctl --format=json list (4 tables), devlink -j among them
        assertThat(json).hasSizeGreaterThanOrEqualTo(6);
        for (String f : json) assertSameAsReadTree(Fixtures.body(f));
    }

    @Test
    void keepsReadTreesNumberTypes() throws JsonProcessingException {
        JsonNode n = JsonTreeParser.read("[1, 4294967296, 184467440737095516150, 1.5, -0.0]");
        assertThat(n.get(0)).isInstanceOf(IntNode.class);
        assertThat(n.get(1)).isInstanceOf(LongNode.class);
        assertThat(n.get(2).bigIntegerValue()).isEqualTo(new BigInteger("184467440737095516150"));
        assertThat(n.get(3)).isInstanceOf(DoubleNode.class);
        assertSameAsReadTree("[1, 4294967296, 184467440737095516150, 1.5, -0.0, 1e400]");
    }

    @Test
    void nothingToReadIsAMissingNodeAndARepeatedNameKeepsTheLastValue() throws JsonProcessingException {
        assertThat(JsonTreeParser.read("  \n").isMissingNode()).isTrue();
        assertThat(JsonTreeParser.read("null")).isEqualTo(NullNode.getInstance());
        assertThat(JsonTreeParser.read("{\"mode\": \"legacy\", \"mode\": \"switchdev\"}").get("mode").asText()).isEqualTo("switchdev");
        for (String s : List.of("", " ", "null", "{\"a\":1,\"a\":2}", "[] trailing", "{} {}")) assertSameAsReadTree(s);
    }

    @Test
    void aTruncatedOutputIsAParseExceptionWithItsPosition() {
        assertThatThrownBy(() -> JsonTreeParser.parse("[{\"ifname\": \"eth0\",\n  \"mtu\": 15"))
                .isInstanceOf(ParseException.class)
                .hasMessageContaining("truncated")
                .satisfies(e -> assertThat(((ParseException) e).line()).isEqualTo(2));
        assertThatThrownBy(() -> JsonTreeParser.parse("{\"a\": tru}")).isInstanceOf(ParseException.class);
    }

    /** Any JSON value, and every prefix of its text (a command cut off): the same tree or an error, as readTree. */
    @Property(tries = 200)
    void readsWhatReadTreeReads(@ForAll("values") JsonNode value) {
        String text = value.toString();
        assertSameAsReadTree(text);
        for (int i = 0; i < text.length(); i += 1 + text.length() / 16) assertSameAsReadTree(text.substring(0, i));
    }

    @Provide
    Arbitrary<JsonNode> values() {
        return value(3);
    }

    private static Arbitrary<JsonNode> value(int depth) {
        Arbitrary<JsonNode> scalar = Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(6).map(TextNode::valueOf),
                Arbitraries.integers().map(IntNode::valueOf),
                Arbitraries.longs().map(LongNode::valueOf),
                Arbitraries.bigIntegers().between(BigInteger.TEN.pow(20).negate(), BigInteger.TEN.pow(20))
                        .map(JsonNodeFactory.instance::numberNode),
                Arbitraries.doubles().map(DoubleNode::valueOf),
                Arbitraries.of(BooleanNode.TRUE, BooleanNode.FALSE, NullNode.getInstance()));
        if (depth == 0) return scalar;
        Arbitrary<JsonNode> inner = value(depth - 1);
        Arbitrary<JsonNode> array = inner.list().ofMaxSize(4).map(items -> {
            ArrayNode a = JsonNodeFactory.instance.arrayNode();
            items.forEach(a::add);
            return a;
        });
        Arbitrary<JsonNode> object = Arbitraries.maps(Arbitraries.strings().ofMaxLength(4), inner).ofMaxSize(4).map(fields -> {
            ObjectNode o = JsonNodeFactory.instance.objectNode();
            fields.forEach(o::set);
            return o;
        });
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, scalar),
                net.jqwik.api.Tuple.of(1, array),
                net.jqwik.api.Tuple.of(1, object));
    }
}
