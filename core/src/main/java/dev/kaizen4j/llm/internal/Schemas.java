package dev.kaizen4j.llm.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonBooleanSchema;
import dev.langchain4j.model.chat.request.json.JsonEnumSchema;
import dev.langchain4j.model.chat.request.json.JsonIntegerSchema;
import dev.langchain4j.model.chat.request.json.JsonNumberSchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchemaElement;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Checks answers against the langchain4j schema they were requested with, so the schema sent to the
 * model is also the contract enforced on its answer. Supports the subset the LLM stages declare:
 * objects (required properties, no additional properties), arrays, strings, enums, integers,
 * numbers and booleans.
 */
public final class Schemas {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Schemas() {}

    /** The problems of {@code value} against {@code schema}, each with its JSON path; empty when valid. */
    public static List<String> validate(JsonSchemaElement schema, JsonNode value) {
        List<String> problems = new ArrayList<>();
        validate(schema, value, "$", problems);
        return problems;
    }

    private static void validate(JsonSchemaElement schema, JsonNode value, String path, List<String> problems) {
        if (schema instanceof JsonObjectSchema object) {
            if (!value.isObject()) {
                problems.add(path + ": expected an object");
                return;
            }
            for (String required : object.required() == null ? List.<String>of() : object.required()) {
                if (!value.has(required) || value.get(required).isNull()) {
                    problems.add(path + ": missing required property '" + required + "'");
                }
            }
            Iterator<Map.Entry<String, JsonNode>> fields = value.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                JsonSchemaElement property = object.properties().get(field.getKey());
                if (property == null) {
                    if (Boolean.FALSE.equals(object.additionalProperties())) {
                        problems.add(path + ": unexpected property '" + field.getKey() + "'");
                    }
                } else if (!field.getValue().isNull()) {
                    validate(property, field.getValue(), path + "." + field.getKey(), problems);
                }
            }
        } else if (schema instanceof JsonArraySchema array) {
            if (!value.isArray()) {
                problems.add(path + ": expected an array");
                return;
            }
            for (int i = 0; i < value.size(); i++) {
                validate(array.items(), value.get(i), path + "[" + i + "]", problems);
            }
        } else if (schema instanceof JsonEnumSchema enumeration) {
            if (!value.isTextual() || !enumeration.enumValues().contains(value.asText())) {
                problems.add(path + ": expected one of " + enumeration.enumValues() + " but was " + value);
            }
        } else if (schema instanceof JsonStringSchema) {
            if (!value.isTextual()) {
                problems.add(path + ": expected a string");
            }
        } else if (schema instanceof JsonIntegerSchema) {
            if (!value.isIntegralNumber()) {
                problems.add(path + ": expected an integer");
            }
        } else if (schema instanceof JsonNumberSchema) {
            if (!value.isNumber()) {
                problems.add(path + ": expected a number");
            }
        } else if (schema instanceof JsonBooleanSchema) {
            if (!value.isBoolean()) {
                problems.add(path + ": expected a boolean");
            }
        } else {
            throw new IllegalArgumentException("unsupported schema element " + schema.getClass().getSimpleName());
        }
    }

    /** The schema in standard JSON Schema form, for the instructions of models without structured output. */
    public static ObjectNode toJson(JsonSchemaElement schema) {
        ObjectNode node = NODES.objectNode();
        if (schema instanceof JsonObjectSchema object) {
            node.put("type", "object");
            ObjectNode properties = node.putObject("properties");
            object.properties().forEach((name, property) -> properties.set(name, toJson(property)));
            ArrayNode required = node.putArray("required");
            (object.required() == null ? List.<String>of() : object.required()).forEach(required::add);
            if (object.additionalProperties() != null) {
                node.put("additionalProperties", object.additionalProperties());
            }
        } else if (schema instanceof JsonArraySchema array) {
            node.put("type", "array");
            node.set("items", toJson(array.items()));
        } else if (schema instanceof JsonEnumSchema enumeration) {
            node.put("type", "string");
            ArrayNode values = node.putArray("enum");
            enumeration.enumValues().forEach(values::add);
        } else if (schema instanceof JsonStringSchema) {
            node.put("type", "string");
        } else if (schema instanceof JsonIntegerSchema) {
            node.put("type", "integer");
        } else if (schema instanceof JsonNumberSchema) {
            node.put("type", "number");
        } else if (schema instanceof JsonBooleanSchema) {
            node.put("type", "boolean");
        }
        String description = schema.description();
        if (description != null) {
            node.put("description", description);
        }
        return node;
    }
}
