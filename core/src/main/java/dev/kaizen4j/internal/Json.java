package dev.kaizen4j.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/** The JSON mapper Kaizen4j writes its own files with: snake_case keys, ISO-8601 instants. */
public final class Json {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .build();

    private static final ObjectMapper PLAIN = JsonMapper.builder().build();

    private Json() {}

    /** The shared, thread-safe mapper for Kaizen4j's own records. */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** A mapper with Jackson's defaults, for reading foreign JSON such as logs. */
    public static ObjectMapper plain() {
        return PLAIN;
    }
}
