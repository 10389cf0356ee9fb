package io.kizuna.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The pages talk to the rest of Kizuna only through the api module's interfaces. */
class ModuleBoundaryTests {

    @Test
    void mainSourcesImportNothingOfKizunaButApiAndUi() throws IOException {
        Path sources = Path.of("src/main/java");
        assertThat(sources).isDirectory();
        List<String> offending;
        try (Stream<Path> files = Files.walk(sources)) {
            offending = files.filter(file -> file.toString().endsWith(".java"))
                    .flatMap(file -> lines(file).stream()
                            .filter(line -> line.startsWith("import io.kizuna.") || line.startsWith("import static io.kizuna."))
                            .filter(line -> !line.matches("import (static )?io\\.kizuna\\.(api|ui)\\..*"))
                            .map(line -> file + ": " + line))
                    .toList();
        }
        assertThat(offending).isEmpty();
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
