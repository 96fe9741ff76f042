package cnode.soap;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Replaces each {@code href="#id"} element of a decoded operation with the content of the
 * element that carries that id (SOAP 1.1 section 5 multi-reference values).
 *
 * <p>The referencing element keeps its own name, and its own {@code xsi:type} when it has
 * one; text, children and otherwise the type come from the target. Each target is resolved
 * once and then shared, so work stays proportional to the document; but the limits count the
 * tree as a handler will walk it, a shared target once per reference, so that a few elements
 * referenced many times cannot stand in for a huge tree. A missing id or a cycle is a Client
 * fault. Recursion is bounded by the depth limit: each level of it is one level deeper in the
 * resolved tree, because an element may not carry both an id and an href.
 *
 * <p>One instance per request, confined to the decoding thread.
 */
final class HrefResolver {

    private final Map<String, SoapNode> targets;
    private final Map<String, SoapNode> resolved = new HashMap<>();
    private final Set<String> resolving = new HashSet<>();
    private final SoapLimits limits;

    HrefResolver(Map<String, SoapNode> targets, SoapLimits limits) {
        this.targets = targets == null ? Map.of() : targets;
        this.limits = limits;
    }

    /** The operation with every reference replaced, checked against the limits. */
    SoapNode resolve(SoapNode operation, int depth) throws SoapFault {
        SoapNode result = replaceRefs(operation, depth);
        assert !result.unresolved();
        return result;
    }

    private SoapNode replaceRefs(SoapNode node, int depth) throws SoapFault {
        if (!node.unresolved()) {
            return node;
        }
        if (depth > limits.depthMax()) {
            throw tooDeep();
        }
        SoapNode result;
        if (node.href() != null) {
            SoapNode target = target(node.href(), depth);
            String type = node.xsiType() != null ? node.xsiType() : target.xsiType();
            result = new SoapNode(node.name(), type, target.text(), target.children(), null);
        } else {
            List<SoapNode> children = new ArrayList<>(node.children().size());
            for (SoapNode child : node.children()) {
                children.add(replaceRefs(child, depth + 1));
            }
            result = new SoapNode(
                    node.name(), node.xsiType(), node.text(), List.copyOf(children), null);
        }
        if (result.size() > limits.elementCountMax()) {
            throw SoapFault.client("The request, with its references resolved, exceeds the"
                    + " limit of " + limits.elementCountMax() + " elements.");
        }
        if (depth + result.height() - 1 > limits.depthMax()) {
            throw tooDeep();
        }
        return result;
    }

    /** The resolved content of the element with this id; the target takes the referrer's depth. */
    private SoapNode target(String id, int depth) throws SoapFault {
        SoapNode done = resolved.get(id);
        if (done != null) {
            return done;
        }
        SoapNode target = targets.get(id);
        if (target == null) {
            throw SoapFault.client(
                    "The reference \"#" + SoapFault.quote(id) + "\" names no element.");
        }
        if (!resolving.add(id)) {
            throw SoapFault.client(
                    "The reference \"#" + SoapFault.quote(id) + "\" is part of a cycle.");
        }
        SoapNode result = replaceRefs(target, depth);
        resolving.remove(id);
        resolved.put(id, result);
        return result;
    }

    private SoapFault tooDeep() {
        return SoapFault.client("The request, with its references resolved, exceeds the depth"
                + " limit of " + limits.depthMax() + ".");
    }
}
