package cnode.soap;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * An ordered builder for one SOAP-encoded structure in a response: the {@code return}
 * element, a nested struct or a list item. {@link SoapWriter} turns it into bytes.
 *
 * <p>Fields are written in the order they are added, each as an unqualified element. The
 * kind of every leaf (string, unsignedInt, unsignedLong, long, boolean) is recorded even
 * though leaves are written untyped today, so a writer mode that adds {@code xsi:type} on
 * leaves needs no change here. Names and types must be plain ASCII XML names (letters,
 * digits, {@code _ . -}); they are written unescaped, so anything else is a programming error
 * and is refused at once. An {@code xsiType} is a local name in the service namespace and is
 * written as {@code ns1:<xsiType>}.
 *
 * <p>Not thread-safe: a struct is built and written by the thread handling one call. Values
 * are captured when added (lists are copied), so later changes to a caller's list do not
 * show; a nested struct is held by reference and must not be changed after it is added.
 */
public final class SoapStruct {

    /** What a field holds; leaves keep their XML Schema type for a typed writer. */
    enum Kind { STRING, UNSIGNED_INT, UNSIGNED_LONG, LONG, BOOLEAN, STRUCT, LIST, STRING_LIST }

    /** A list of structs and the type written on the list element. */
    record StructList(String xsiType, List<SoapStruct> items) {}

    private static final int FIELDS_INITIAL = 8;
    private static final long UNSIGNED_INT_MAX = 0xFFFF_FFFFL;

    private final String xsiType;
    private String[] names = new String[FIELDS_INITIAL];
    private Kind[] kinds = new Kind[FIELDS_INITIAL];
    private long[] numbers = new long[FIELDS_INITIAL];
    private Object[] values = new Object[FIELDS_INITIAL];
    private int size;

    /**
     * An empty struct.
     *
     * @param xsiType local name of its type in {@code ns1}, e.g.
     *     {@code vuiSoapGetTaskStatusResponse}; null writes no {@code xsi:type}
     */
    public SoapStruct(String xsiType) {
        this.xsiType = xsiType == null ? null : checkName(xsiType);
    }

    /** A string field; null writes an empty element. */
    public SoapStruct string(String name, String value) {
        return add(name, Kind.STRING, 0, value);
    }

    /** An xsd:unsignedInt field, 0 to 4 294 967 295. */
    public SoapStruct uint(String name, long value) {
        if (value < 0 || value > UNSIGNED_INT_MAX) {
            throw new IllegalArgumentException(name + " is not an unsignedInt: " + value);
        }
        return add(name, Kind.UNSIGNED_INT, value, null);
    }

    /** An xsd:unsignedLong field; the 64 bits are read as unsigned, so -1 writes 2^64 - 1. */
    public SoapStruct ulong(String name, long value) {
        return add(name, Kind.UNSIGNED_LONG, value, null);
    }

    /** An xsd:long field. */
    public SoapStruct integer(String name, long value) {
        return add(name, Kind.LONG, value, null);
    }

    /** An xsd:boolean field, written {@code true} or {@code false}. */
    public SoapStruct bool(String name, boolean value) {
        return add(name, Kind.BOOLEAN, value ? 1 : 0, null);
    }

    /** A nested struct, written with its own {@code xsi:type} if it has one. */
    public SoapStruct struct(String name, SoapStruct value) {
        Objects.requireNonNull(value, name);
        if (value == this) {
            throw new IllegalArgumentException(name + ": a struct cannot contain itself");
        }
        return add(name, Kind.STRUCT, 0, value);
    }

    /**
     * A list of structs, each written as an {@code item} element with its own type.
     *
     * @param xsiType local name of the list's type in {@code ns1}, or null for none
     */
    public SoapStruct list(String name, String xsiType, List<SoapStruct> items) {
        StructList list = new StructList(
                xsiType == null ? null : checkName(xsiType), List.copyOf(items));
        return add(name, Kind.LIST, 0, list);
    }

    /** A list of strings, each written as an {@code item} element; null items are empty. */
    public SoapStruct stringList(String name, List<String> items) {
        return add(name, Kind.STRING_LIST, 0, items.toArray(new String[0]));
    }

    private SoapStruct add(String name, Kind kind, long number, Object value) {
        checkName(name);
        if (size == names.length) {
            int capacity = size * 2;
            names = Arrays.copyOf(names, capacity);
            kinds = Arrays.copyOf(kinds, capacity);
            numbers = Arrays.copyOf(numbers, capacity);
            values = Arrays.copyOf(values, capacity);
        }
        names[size] = name;
        kinds[size] = kind;
        numbers[size] = number;
        values[size] = value;
        size++;
        return this;
    }

    /** Refuses anything but a plain ASCII XML name, since names are written unescaped. */
    static String checkName(String name) {
        boolean valid = !name.isEmpty() && isNameStart(name.charAt(0));
        for (int i = 1; valid && i < name.length(); i++) {
            char c = name.charAt(i);
            valid = isNameStart(c) || (c >= '0' && c <= '9') || c == '-' || c == '.';
        }
        if (!valid) {
            throw new IllegalArgumentException("not a plain XML name: \"" + name + "\"");
        }
        return name;
    }

    private static boolean isNameStart(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    }

    String xsiType() {
        return xsiType;
    }

    int size() {
        return size;
    }

    String name(int field) {
        return names[field];
    }

    Kind kind(int field) {
        return kinds[field];
    }

    long number(int field) {
        return numbers[field];
    }

    Object value(int field) {
        return values[field];
    }
}
