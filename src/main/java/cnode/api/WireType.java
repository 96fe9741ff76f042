package cnode.api;

import java.util.List;

/**
 * A complex type as the WSDL declares it and as responses write it: a name in the {@code ns1}
 * namespace and its fields in wire order. A list type has one field named {@code item} that
 * repeats. Types are values built once, at start-up, by the operations that use them.
 *
 * @param name    the type's name in {@code ns1}, e.g. {@code vuiSoapGetTaskStatusResponse}
 * @param fields  the fields in the order they are written
 * @param list    true when the type is a list of repeated {@code item} elements
 */
public record WireType(String name, List<Field> fields, boolean list) {

    /** One field: a name and a qualified type ({@code xsd:string}, {@code ns1:billonAmount}). */
    public record Field(String name, String type) {}

    public WireType {
        fields = List.copyOf(fields);
        if (list && (fields.size() != 1 || !fields.get(0).name().equals("item"))) {
            throw new IllegalArgumentException("a list type has exactly one field, item");
        }
    }

    /** A structure with fields given as name, type, name, type... */
    public static WireType struct(String name, String... namesAndTypes) {
        return new WireType(name, fields(namesAndTypes), false);
    }

    /** A list of {@code item} elements of {@code itemType}. */
    public static WireType listOf(String name, String itemType) {
        return new WireType(name, List.of(new Field("item", itemType)), true);
    }

    /** Fields given as name, type, name, type... */
    public static List<Field> fields(String... namesAndTypes) {
        if (namesAndTypes.length % 2 != 0) {
            throw new IllegalArgumentException("fields come in name/type pairs");
        }
        Field[] fields = new Field[namesAndTypes.length / 2];
        for (int i = 0; i < fields.length; i++) {
            fields[i] = new Field(namesAndTypes[2 * i], namesAndTypes[2 * i + 1]);
        }
        return List.of(fields);
    }

    /** The qualified name, as a field's type refers to it. */
    public String ref() {
        return "ns1:" + name;
    }
}
