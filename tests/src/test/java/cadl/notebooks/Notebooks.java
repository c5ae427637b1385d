package cadl.notebooks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The course notebooks: every {@code notebooks/**}{@code /*.ipynb}, checkpoints excluded, sorted. */
final class Notebooks {

    static final Path DIR = TestKernel.REPO.resolve("notebooks");

    private Notebooks() {
    }

    static List<Path> all() throws IOException {
        try (Stream<Path> s = Files.walk(DIR)) {
            return s.filter(p -> p.toString().endsWith(".ipynb"))
                    .filter(p -> !p.toString().contains(".ipynb_checkpoints"))
                    .sorted()
                    .collect(Collectors.toList());
        }
    }

    /** The path relative to notebooks/, '/'-separated: the key of {@link Expectations#ALL}. */
    static String key(Path notebook) {
        return DIR.relativize(notebook).toString().replace('\\', '/');
    }
}
