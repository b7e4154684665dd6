package io.dnsfailover.jib;

import com.google.cloud.tools.jib.api.buildplan.ContainerBuildPlan;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import com.google.cloud.tools.jib.api.buildplan.FileEntry;
import com.google.cloud.tools.jib.api.buildplan.LayerObject;
import com.google.cloud.tools.jib.maven.extension.JibMavenPluginExtension;
import com.google.cloud.tools.jib.maven.extension.MavenData;
import com.google.cloud.tools.jib.plugins.extension.ExtensionLogger;
import com.google.cloud.tools.jib.plugins.extension.ExtensionLogger.LogLevel;
import com.google.cloud.tools.jib.plugins.extension.JibPluginExtensionException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Sets the owner of chosen files and folders that Jib puts into the image. Jib writes every entry
 * of its layers as root (0:0) and its plugin configuration has no owner setting; a file entry can
 * carry one, and this extension sets it on the entries whose path in the image matches a rule's
 * glob (the last matching rule wins). A rule that matches nothing fails the build: the folder it
 * was meant for is missing from the image.
 *
 * <p>Jib's own parent folders (added for every entry) are not entries of the build plan: list a
 * folder explicitly (an extra directory) to set its owner. The configuration has the shape of Jib's
 * first-party ownership extension, which is not served by Maven Central.
 */
public class JibOwnershipExtension implements JibMavenPluginExtension<OwnershipConfiguration> {

  private static final Pattern OWNERSHIP = Pattern.compile("[^:\\s]+(:[^:\\s]+)?");

  @Override
  public Optional<Class<OwnershipConfiguration>> getExtraConfigType() {
    return Optional.of(OwnershipConfiguration.class);
  }

  @Override
  public ContainerBuildPlan extendContainerBuildPlan(
      ContainerBuildPlan buildPlan,
      Map<String, String> properties,
      Optional<OwnershipConfiguration> config,
      MavenData mavenData,
      ExtensionLogger logger)
      throws JibPluginExtensionException {
    List<OwnershipConfiguration.Rule> rules =
        config.map(OwnershipConfiguration::getRules).orElse(List.of());
    if (rules.isEmpty()) {
      throw new JibPluginExtensionException(
          getClass(), "no <rules> configured (<configuration implementation=...>)");
    }
    List<PathMatcher> matchers = new ArrayList<>();
    for (OwnershipConfiguration.Rule rule : rules) {
      if (rule.getGlob().isBlank()) {
        throw new JibPluginExtensionException(getClass(), "a rule without <glob>");
      }
      if (!OWNERSHIP.matcher(rule.getOwnership()).matches()) {
        throw new JibPluginExtensionException(
            getClass(),
            "rule "
                + rule.getGlob()
                + ": <ownership> must be user[:group], not '"
                + rule.getOwnership()
                + "'");
      }
      matchers.add(FileSystems.getDefault().getPathMatcher("glob:" + rule.getGlob()));
    }

    int[] matched = new int[rules.size()];
    List<LayerObject> layers = new ArrayList<>();
    for (LayerObject layer : buildPlan.getLayers()) {
      if (!(layer instanceof FileEntriesLayer files)) {
        layers.add(layer);
        continue;
      }
      List<FileEntry> entries = new ArrayList<>();
      for (FileEntry entry : files.getEntries()) {
        Path inImage = Path.of(entry.getExtractionPath().toString());
        int rule = -1;
        for (int i = 0; i < matchers.size(); i++) {
          if (matchers.get(i).matches(inImage)) {
            rule = i;
          }
        }
        if (rule < 0) {
          entries.add(entry);
          continue;
        }
        matched[rule]++;
        String ownership = rules.get(rule).getOwnership();
        logger.log(LogLevel.INFO, "owner " + ownership + ": " + inImage);
        entries.add(
            new FileEntry(
                entry.getSourceFile(),
                entry.getExtractionPath(),
                entry.getPermissions(),
                entry.getModificationTime(),
                ownership));
      }
      layers.add(files.toBuilder().setEntries(entries).build());
    }
    for (int i = 0; i < rules.size(); i++) {
      OwnershipConfiguration.Rule rule = rules.get(i);
      if (matched[i] == 0) {
        throw new JibPluginExtensionException(
            getClass(), "rule " + rule.getGlob() + " matches no file or folder of the image");
      }
      logger.log(
          LogLevel.LIFECYCLE,
          "owner " + rule.getOwnership() + " for " + matched[i] + " entries: " + rule.getGlob());
    }
    return buildPlan.toBuilder().setLayers(layers).build();
  }
}
