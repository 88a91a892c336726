package dev.kaizen4j.llm;

import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonEnumSchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import dev.langchain4j.model.chat.request.json.JsonSchemaElement;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;
import java.util.List;

/** Shorthands for the response schemas the stages declare. */
final class Schema {

    private Schema() {}

    static JsonSchema named(String name, JsonObjectSchema root) {
        return JsonSchema.builder().name(name).rootElement(root).build();
    }

    static JsonObjectSchema.Builder object() {
        return JsonObjectSchema.builder().additionalProperties(false);
    }

    static JsonArraySchema arrayOf(JsonSchemaElement items) {
        return JsonArraySchema.builder().items(items).build();
    }

    static JsonArraySchema strings(String description) {
        return JsonArraySchema.builder().description(description).items(JsonStringSchema.builder().build()).build();
    }

    static JsonEnumSchema oneOf(List<String> values, String description) {
        return JsonEnumSchema.builder().enumValues(values).description(description).build();
    }

    static JsonStringSchema string(String description) {
        return JsonStringSchema.builder().description(description).build();
    }
}
