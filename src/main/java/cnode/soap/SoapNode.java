package cnode.soap;

import java.util.ArrayList;
import java.util.List;

/**
 * One element of a decoded SOAP call: an immutable tree that operation handlers read by name.
 *
 * <p>Invariants: {@code name} is the element's local name (namespace and prefix dropped, since
 * parameters are unqualified); {@code text} is never null, and is the element's text only
 * when it has no child elements ({@code ""} otherwise, so indentation between children never
 * reads as a value); {@code children} is unmodifiable and holds no element that carried
 * {@code xsi:nil="true"}, so a nil parameter reads as absent. A node the codec hands out has no
 * unresolved multiRef reference. Immutable, so any thread may read it; resolved multiRef
 * targets may be shared by several parents.
 */
public final class SoapNode {

    private static final String ITEM = "item";

    private final String name;
    private final String xsiType;
    private final String text;
    private final List<SoapNode> children;
    /** The id an {@code href="#id"} names, until the resolver replaces this node. */
    private final String href;
    /** Elements in this subtree, counting a shared subtree once per reference. */
    private final int size;
    /** Levels in this subtree, this node being level 1. */
    private final int height;
    /** Whether this subtree still holds an href the resolver must replace. */
    private final boolean unresolved;

    SoapNode(String name, String xsiType, String text, List<SoapNode> children, String href) {
        this.name = name;
        this.xsiType = xsiType;
        this.text = text;
        this.children = children;
        this.href = href;
        long count = 1;
        int deepest = 0;
        boolean pending = href != null;
        for (SoapNode child : children) {
            count += child.size;
            deepest = Math.max(deepest, child.height);
            pending |= child.unresolved;
        }
        this.size = (int) Math.min(count, Integer.MAX_VALUE);
        this.height = deepest + 1;
        this.unresolved = pending;
    }

    /** The element's local name. */
    public String name() {
        return name;
    }

    /** The local name of the element's {@code xsi:type} (prefix dropped), or null if untyped. */
    public String xsiType() {
        return xsiType;
    }

    /** The element's text, {@code ""} when empty or when the element has child elements. */
    public String text() {
        return text;
    }

    /** The child elements in document order, without nil ones. */
    public List<SoapNode> children() {
        return children;
    }

    /** The first child with the given local name, or null if there is none. */
    public SoapNode child(String childName) {
        for (SoapNode child : children) {
            if (child.name.equals(childName)) {
                return child;
            }
        }
        return null;
    }

    /** The text of the first child with the given local name, or null if there is none. */
    public String text(String childName) {
        SoapNode child = child(childName);
        return child == null ? null : child.text;
    }

    /** The children named {@code item}: the members of a SOAP-encoded list, in order. */
    public List<SoapNode> items() {
        int count = 0;
        for (SoapNode child : children) {
            if (child.name.equals(ITEM)) {
                count++;
            }
        }
        if (count == children.size()) {
            return children;
        }
        List<SoapNode> items = new ArrayList<>(count);
        for (SoapNode child : children) {
            if (child.name.equals(ITEM)) {
                items.add(child);
            }
        }
        return List.copyOf(items);
    }

    @Override
    public String toString() {
        return children.isEmpty() ? name + "=" + text : name + children;
    }

    String href() {
        return href;
    }

    int size() {
        return size;
    }

    int height() {
        return height;
    }

    boolean unresolved() {
        return unresolved;
    }
}
