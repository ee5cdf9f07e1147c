package io.github.requesttracking.testsupport.geo;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * The binary search tree of a MaxMind DB over 128-bit addresses: each node has a child
 * for bit 0 and one for bit 1, and a child is another node, a data record or empty.
 */
final class SearchTree {

	private final Node root = new Node();

	/**
	 * Points every address under {@code prefix} at {@code data}, replacing what the tree
	 * held for those addresses.
	 */
	void insert(byte[] address, int prefixLength, Object data) {
		if (prefixLength == 0) {
			throw new IllegalArgumentException("A network must be narrower than the whole address space");
		}
		Node parent = nodeAt(address, prefixLength - 1);
		parent.set(bit(address, prefixLength - 1), data);
	}

	/**
	 * Makes the network {@code alias} lead to the same subtree as {@code target}, the way
	 * MaxMind maps {@code ::ffff:0:0/96} onto the IPv4 subtree at {@code ::/96}.
	 */
	void alias(byte[] alias, int aliasLength, byte[] target, int targetLength) {
		Node targetNode = nodeAt(target, targetLength);
		nodeAt(alias, aliasLength - 1).set(bit(alias, aliasLength - 1), targetNode);
	}

	/**
	 * Returns the node reached after walking {@code depth} bits of {@code address},
	 * creating nodes on the way and splitting records that covered a wider network.
	 */
	private Node nodeAt(byte[] address, int depth) {
		Node node = this.root;
		for (int i = 0; i < depth; i++) {
			int bit = bit(address, i);
			Object child = node.get(bit);
			if (!(child instanceof Node)) {
				Node split = new Node();
				split.zero = child;
				split.one = child;
				node.set(bit, split);
				child = split;
			}
			node = (Node) child;
		}
		return node;
	}

	/**
	 * Numbers the nodes breadth first from the root, each node once even when aliased.
	 */
	List<Node> numberedNodes(Map<Node, Integer> numbers) {
		List<Node> nodes = new ArrayList<>();
		Deque<Node> queue = new ArrayDeque<>();
		queue.add(this.root);
		numbers.put(this.root, 0);
		while (!queue.isEmpty()) {
			Node node = queue.poll();
			nodes.add(node);
			for (Object child : new Object[] { node.zero, node.one }) {
				if (child instanceof Node childNode && !numbers.containsKey(childNode)) {
					numbers.put(childNode, numbers.size());
					queue.add(childNode);
				}
			}
		}
		return nodes;
	}

	static Map<Node, Integer> identityNumbers() {
		return new IdentityHashMap<>();
	}

	private static int bit(byte[] address, int index) {
		return (address[index / 8] >>> (7 - index % 8)) & 1;
	}

	/**
	 * One node; a child is a {@link Node}, a data record or {@code null} when empty.
	 */
	static final class Node {

		@Nullable Object zero;

		@Nullable Object one;

		@Nullable Object get(int bit) {
			return (bit == 0) ? this.zero : this.one;
		}

		void set(int bit, @Nullable Object child) {
			if (bit == 0) {
				this.zero = child;
			}
			else {
				this.one = child;
			}
		}

	}

}
