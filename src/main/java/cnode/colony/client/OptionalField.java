package cnode.colony.client;

import com.fasterxml.jackson.annotation.JacksonAnnotationsInside;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.OptBoolean;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a record component of a wire record as optional: it may be absent (or {@code null}) in
 * the JSON and is then {@code null} in Java, and it is left out when written. Every component
 * without this mark is required and never {@code null} ({@link WireJson}). Use a boxed type
 * ({@code Long}, not {@code long}) for an optional number.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.PARAMETER, ElementType.FIELD, ElementType.METHOD,
    ElementType.RECORD_COMPONENT})
@JacksonAnnotationsInside
@JsonProperty(isRequired = OptBoolean.FALSE)
public @interface OptionalField {
}
