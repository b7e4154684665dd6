package io.dnsfailover.jib;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.ContainerBuildPlan;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import com.google.cloud.tools.jib.api.buildplan.FileEntry;
import com.google.cloud.tools.jib.api.buildplan.FilePermissions;
import com.google.cloud.tools.jib.plugins.extension.JibPluginExtensionException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JibOwnershipExtensionTest {

  private final List<String> log = new ArrayList<>();

  @Test
  void setsTheOwnerOfMatchingEntriesOnlyKeepingEverythingElse() throws Exception {
    ContainerBuildPlan plan =
        plan(
            layer("extra files", "/var", "/var/lib", "/var/lib/dnsfailover"),
            layer("dnsfailover", "/app/dnsfailover.jar"));

    ContainerBuildPlan extended =
        extend(plan, new OwnershipConfiguration.Rule("/var/lib/dnsfailover", "65532:65532"));

    assertThat(owners(extended))
        .containsExactly(
            Map.entry("/var", ""),
            Map.entry("/var/lib", ""),
            Map.entry("/var/lib/dnsfailover", "65532:65532"),
            Map.entry("/app/dnsfailover.jar", ""));
    FileEntry state = ((FileEntriesLayer) extended.getLayers().getFirst()).getEntries().get(2);
    assertThat(state.getPermissions().toOctalString()).isEqualTo("750");
    assertThat(state.getSourceFile()).isEqualTo(Path.of("src/var/lib/dnsfailover"));
    assertThat(extended.getLayers())
        .extracting(layer -> ((FileEntriesLayer) layer).getName())
        .containsExactly("extra files", "dnsfailover");
    assertThat(log).anyMatch(line -> line.contains("65532:65532 for 1 entries"));
  }

  @Test
  void theLastMatchingRuleWinsAndGlobsMatchPathsInTheImage() throws Exception {
    ContainerBuildPlan plan = plan(layer("extra files", "/data", "/data/a", "/data/b"));

    ContainerBuildPlan extended =
        extend(
            plan,
            new OwnershipConfiguration.Rule("/data/**", "1000"),
            new OwnershipConfiguration.Rule("/data/b", "1001:1002"));

    assertThat(owners(extended))
        .containsExactly(
            Map.entry("/data", ""),
            Map.entry("/data/a", "1000"),
            Map.entry("/data/b", "1001:1002"));
  }

  @Test
  void aRuleThatMatchesNothingFailsTheBuild() {
    ContainerBuildPlan plan = plan(layer("dnsfailover", "/app/dnsfailover.jar"));

    assertThatThrownBy(
            () ->
                extend(
                    plan, new OwnershipConfiguration.Rule("/var/lib/dnsfailover", "65532:65532")))
        .isInstanceOf(JibPluginExtensionException.class)
        .hasMessageContaining("/var/lib/dnsfailover matches no file or folder");
  }

  @Test
  void refusesAMissingOrMalformedConfiguration() {
    ContainerBuildPlan plan = plan(layer("extra files", "/data"));

    assertThatThrownBy(() -> extend(plan))
        .isInstanceOf(JibPluginExtensionException.class)
        .hasMessageContaining("no <rules>");
    assertThatThrownBy(() -> extend(plan, new OwnershipConfiguration.Rule("/data", "1:2:3")))
        .isInstanceOf(JibPluginExtensionException.class)
        .hasMessageContaining("user[:group]");
    assertThatThrownBy(() -> extend(plan, new OwnershipConfiguration.Rule(" ", "1")))
        .isInstanceOf(JibPluginExtensionException.class)
        .hasMessageContaining("without <glob>");
  }

  private ContainerBuildPlan extend(ContainerBuildPlan plan, OwnershipConfiguration.Rule... rules)
      throws JibPluginExtensionException {
    OwnershipConfiguration config = new OwnershipConfiguration();
    config.getRules().addAll(List.of(rules));
    return new JibOwnershipExtension()
        .extendContainerBuildPlan(
            plan, Map.of(), Optional.of(config), null, (level, message) -> log.add(message));
  }

  private static ContainerBuildPlan plan(FileEntriesLayer... layers) {
    return ContainerBuildPlan.builder().setLayers(List.of(layers)).build();
  }

  private static FileEntriesLayer layer(String name, String... paths) {
    FileEntriesLayer.Builder layer = FileEntriesLayer.builder().setName(name);
    for (String path : paths) {
      layer.addEntry(
          new FileEntry(
              Path.of("src" + path),
              AbsoluteUnixPath.get(path),
              FilePermissions.fromOctalString("750"),
              FileEntriesLayer.DEFAULT_MODIFICATION_TIME));
    }
    return layer.build();
  }

  /** Path in the image to owner ("" for Jib's default, root), in layer and entry order. */
  private static Map<String, String> owners(ContainerBuildPlan plan) {
    Map<String, String> owners = new LinkedHashMap<>();
    plan.getLayers()
        .forEach(
            layer ->
                ((FileEntriesLayer) layer)
                    .getEntries()
                    .forEach(
                        entry ->
                            owners.put(
                                entry.getExtractionPath().toString(), entry.getOwnership())));
    return owners;
  }
}
