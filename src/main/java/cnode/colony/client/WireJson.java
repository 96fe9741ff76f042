package cnode.colony.client;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import com.fasterxml.jackson.annotation.OptBoolean;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.AnnotatedMember;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;

/**
 * The colony's JSON rules, in one place for the server and the client (docs/COLONY-API.md,
 * "JSON"). Every field of a wire record is required and non-null unless marked
 * {@link OptionalField}; duplicate keys, content after the value, comments, {@code NaN},
 * leading zeros, fractions for whole numbers, numbers beyond {@code long}, and every type
 * coercion ({@code "5"} for 5, {@code 1} for {@code true}) are refused; depth, string, name and
 * number lengths are bounded by {@link JsonLimits}. The {@link #strict} mapper also refuses
 * unknown fields (requests, read by the server); the {@link #tolerant} one ignores them
 * (replies, read by clients, so a newer colony may add fields). Absent optional fields are not
 * written. The mappers returned are thread-safe once built.
 */
public final class WireJson {
    private WireJson() {}

    /** For requests read by the colony: unknown fields are refused. */
    public static JsonMapper strict(JsonLimits limits) {
        return build(limits, true);
    }

    /** For replies read by clients: unknown fields are ignored. */
    public static JsonMapper tolerant(JsonLimits limits) {
        return build(limits, false);
    }

    private static JsonMapper build(JsonLimits limits, boolean refuseUnknown) {
        StreamReadConstraints constraints = StreamReadConstraints.builder()
            .maxNestingDepth(limits.depthMax())
            .maxStringLength(limits.stringCharsMax())
            .maxNameLength(limits.nameCharsMax())
            .maxNumberLength(limits.numberCharsMax())
            .build();
        JsonFactory factory = JsonFactory.builder().streamReadConstraints(constraints)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
        JsonMapper mapper = JsonMapper.builder(factory)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS,
                DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES,
                DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS,
                DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, refuseUnknown)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .annotationIntrospector(new RequiredByDefault())
            .defaultPropertyInclusion(JsonInclude.Value.construct(
                JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL))
            .build();
        refuse(mapper, LogicalType.Textual, CoercionInputShape.Integer,
            CoercionInputShape.Float, CoercionInputShape.Boolean);
        refuse(mapper, LogicalType.Integer, CoercionInputShape.String,
            CoercionInputShape.EmptyString, CoercionInputShape.Float, CoercionInputShape.Boolean);
        refuse(mapper, LogicalType.Boolean, CoercionInputShape.String,
            CoercionInputShape.EmptyString, CoercionInputShape.Integer,
            CoercionInputShape.Float);
        return mapper;
    }

    private static void refuse(JsonMapper mapper, LogicalType type,
                               CoercionInputShape... shapes) {
        for (CoercionInputShape shape : shapes) {
            mapper.coercionConfigFor(type).setCoercion(shape, CoercionAction.Fail);
        }
    }

    /**
     * Makes every creator property required and null-refusing unless it carries
     * {@code @JsonProperty(isRequired = OptBoolean.FALSE)} (which {@link OptionalField}
     * bundles): a missing field must never read as 0 or false.
     */
    private static final class RequiredByDefault extends JacksonAnnotationIntrospector {
        private static final long serialVersionUID = 1L;

        @Override
        public Boolean hasRequiredMarker(AnnotatedMember member) {
            return !optional(member);
        }

        @Override
        public JsonSetter.Value findSetterInfo(Annotated annotated) {
            return optional(annotated)
                ? JsonSetter.Value.construct(Nulls.DEFAULT, Nulls.FAIL)
                : JsonSetter.Value.construct(Nulls.FAIL, Nulls.FAIL);
        }

        private boolean optional(Annotated annotated) {
            JsonProperty property = _findAnnotation(annotated, JsonProperty.class);
            return property != null && property.isRequired() == OptBoolean.FALSE;
        }
    }
}
