package io.github.requesttracking.deployment;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The instructions of a Dockerfile, with continuation lines joined and comments dropped.
 *
 * @param instructions the instructions in order
 */
record Dockerfile(List<Instruction> instructions) {

	static Dockerfile parse(String text) {
		List<Instruction> instructions = new ArrayList<>();
		StringBuilder current = new StringBuilder();
		for (String line : text.split("\n")) {
			String trimmed = line.strip();
			if (trimmed.startsWith("#") || (trimmed.isEmpty() && current.isEmpty())) {
				continue;
			}
			if (trimmed.endsWith("\\")) {
				current.append(trimmed, 0, trimmed.length() - 1).append(' ');
				continue;
			}
			current.append(trimmed);
			String instruction = current.toString().strip();
			current.setLength(0);
			if (!instruction.isEmpty()) {
				String[] parts = instruction.split("\\s+", 2);
				instructions
					.add(new Instruction(parts[0].toUpperCase(Locale.ROOT), (parts.length > 1) ? parts[1] : ""));
			}
		}
		return new Dockerfile(List.copyOf(instructions));
	}

	/**
	 * Return the instructions of the last stage, the one that becomes the image.
	 * @return the instructions after the last {@code FROM}
	 */
	List<Instruction> finalStage() {
		int lastFrom = 0;
		for (int index = 0; index < this.instructions.size(); index++) {
			if (this.instructions.get(index).keyword().equals("FROM")) {
				lastFrom = index;
			}
		}
		return this.instructions.subList(lastFrom, this.instructions.size());
	}

	List<Instruction> all(String keyword) {
		return this.instructions.stream().filter((instruction) -> instruction.keyword().equals(keyword)).toList();
	}

	/**
	 * One instruction.
	 *
	 * @param keyword the instruction in upper case, such as {@code COPY}
	 * @param arguments the rest of the line
	 */
	record Instruction(String keyword, String arguments) {

		/**
		 * Return the words of the arguments that are not flags such as
		 * {@code --from=layers}.
		 * @return the words
		 */
		List<String> words() {
			return List.of(this.arguments.split("\\s+")).stream().filter((word) -> !word.startsWith("--")).toList();
		}

		boolean hasFlag(String prefix) {
			return List.of(this.arguments.split("\\s+")).stream().anyMatch((word) -> word.startsWith(prefix));
		}

	}

}
