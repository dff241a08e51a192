import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathFactory;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/**
 * Runs a release build against a local stand-in for the Central Portal and checks the bundle it uploaded,
 * file by file. Started by .ci/release-check (which makes the throwaway key and the release-version copy):
 * {@code java ReleaseBundleCheck.java <project dir> <mvn command and arguments...>}.
 *
 * <p>The stand-in answers the upload as the portal does (201, a deployment id), so the real
 * central-publishing-maven-plugin runs to its end; nothing leaves the machine. Then every published module
 * (every module of the root POM that does not set skipPublishing=true, plus the root) must have exactly its
 * jar, sources and javadoc jars (jar modules) and its POM, each with a signature that gpg verifies and
 * md5/sha1/sha256/sha512 files that match; nothing else may be in the bundle.
 */
public final class ReleaseBundleCheck {

    private static final String[] CHECKSUMS = {"md5", "sha1", "sha256", "sha512"};
    private static final Map<String, String> DIGESTS =
            Map.of("md5", "MD5", "sha1", "SHA-1", "sha256", "SHA-256", "sha512", "SHA-512");

    private final List<String> failures = new ArrayList<>();
    private int checks;

    public static void main(String[] args) throws Exception {
        Path project = Path.of(args[0]).toAbsolutePath();
        List<String> mvn = new ArrayList<>(List.of(args).subList(1, args.length));

        byte[] uploaded = runBuildAgainstStandIn(project, mvn);
        ReleaseBundleCheck check = new ReleaseBundleCheck();
        check.verify(project, uploaded);
        System.out.printf("release bundle check: %d passed, %d failed%n", check.checks - check.failures.size(),
                check.failures.size());
        if (!check.failures.isEmpty()) {
            check.failures.forEach(f -> System.out.println("FAILED: " + f));
            System.exit(1);
        }
    }

    /** Starts the stand-in portal, runs Maven with it as the Central URL, returns the uploaded request body. */
    private static byte[] runBuildAgainstStandIn(Path project, List<String> mvn) throws Exception {
        AtomicReference<byte[]> upload = new AtomicReference<>();
        HttpServer portal = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        portal.createContext("/api/v1/publisher/upload", exchange -> {
            try (InputStream body = exchange.getRequestBody()) {
                upload.set(body.readAllBytes());
            }
            byte[] id = "release-check-deployment".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(201, id.length);
            exchange.getResponseBody().write(id);
            exchange.close();
        });
        portal.start();
        try {
            mvn.add("-DcentralBaseUrl=http://127.0.0.1:" + portal.getAddress().getPort());
            mvn.add("-DwaitUntil=uploaded");
            System.out.println("release bundle check: " + String.join(" ", mvn));
            Process build = new ProcessBuilder(mvn).directory(project.toFile()).inheritIO().start();
            if (!build.waitFor(30, TimeUnit.MINUTES) || build.exitValue() != 0) {
                build.destroyForcibly();
                throw new IllegalStateException("the release build failed");
            }
        } finally {
            portal.stop(0);
        }
        if (upload.get() == null) {
            throw new IllegalStateException("the release build uploaded no bundle");
        }
        return upload.get();
    }

    private void verify(Path project, byte[] uploaded) throws Exception {
        Path bundle = project.resolve("target/central-publishing/central-bundle.zip");
        byte[] zip = Files.readAllBytes(bundle);
        check(indexOf(uploaded, zip) >= 0, "the uploaded request carries " + bundle + " unchanged");

        Document root = parse(Files.readAllBytes(project.resolve("pom.xml")));
        String group = text(root, "/project/groupId");
        String version = text(root, "/project/version");
        check(!version.endsWith("-SNAPSHOT"), "a release version (not " + version + ")");
        byte[] license = Files.readAllBytes(project.resolve("LICENSE"));

        // What must be published: the root and every module that does not opt out.
        Map<String, String> published = new TreeMap<>(); // artifactId -> packaging
        published.put(text(root, "/project/artifactId"), "pom");
        NodeList modules = nodes(root, "/project/modules/module");
        for (int i = 0; i < modules.getLength(); i++) {
            Document pom = parse(Files.readAllBytes(project.resolve(modules.item(i).getTextContent().trim())
                    .resolve("pom.xml")));
            if (!"true".equals(text(pom, "/project/properties/skipPublishing"))) {
                String packaging = text(pom, "/project/packaging");
                published.put(text(pom, "/project/artifactId"), packaging.isEmpty() ? "jar" : packaging);
            }
        }

        Map<String, byte[]> files = unzip(zip);
        TreeSet<String> expected = new TreeSet<>();
        String dir = group.replace('.', '/') + "/";
        published.forEach((artifactId, packaging) -> {
            String base = dir + artifactId + "/" + version + "/" + artifactId + "-" + version;
            List<String> artifacts = packaging.equals("pom") ? List.of(base + ".pom")
                    : List.of(base + ".jar", base + "-sources.jar", base + "-javadoc.jar", base + ".pom");
            for (String artifact : artifacts) {
                expected.add(artifact);
                expected.add(artifact + ".asc");
                for (String sum : CHECKSUMS) {
                    expected.add(artifact + "." + sum);
                }
            }
        });
        TreeSet<String> missing = new TreeSet<>(expected);
        missing.removeAll(files.keySet());
        TreeSet<String> extra = new TreeSet<>(files.keySet());
        extra.removeAll(expected);
        check(missing.isEmpty(), "nothing missing from the bundle: " + missing);
        check(extra.isEmpty(), "nothing else in the bundle: " + extra);

        Map<String, Document> poms = new TreeMap<>(); // artifactId -> POM, for what modules inherit
        for (Map.Entry<String, byte[]> e : files.entrySet()) {
            if (e.getKey().endsWith(".pom")) {
                Document pom = parse(e.getValue());
                poms.put(text(pom, "/project/artifactId"), pom);
            }
        }
        for (Map.Entry<String, byte[]> e : files.entrySet()) {
            String name = e.getKey();
            String ext = name.substring(name.lastIndexOf('.') + 1);
            if (DIGESTS.containsKey(ext) || ext.equals("asc")) {
                continue;
            }
            byte[] content = e.getValue();
            for (String sum : CHECKSUMS) {
                byte[] recorded = files.get(name + "." + sum);
                check(recorded != null && new String(recorded, StandardCharsets.US_ASCII).trim()
                        .equals(hex(content, DIGESTS.get(sum))), name + "." + sum + " matches");
            }
            check(files.containsKey(name + ".asc") && gpgVerifies(name, content, files.get(name + ".asc")),
                    name + ".asc is a good signature");
            if (name.endsWith("-sources.jar")) {
                check(unzip(content).keySet().stream().anyMatch(n -> n.endsWith(".java")), name + " has sources");
            } else if (name.endsWith("-javadoc.jar")) {
                check(unzip(content).containsKey("index.html"), name + " has javadoc");
            } else if (name.endsWith(".jar")) {
                Map<String, byte[]> entries = unzip(content);
                check(entries.keySet().stream().anyMatch(n -> n.endsWith(".class")), name + " has classes");
                check(java.util.Arrays.equals(entries.get("META-INF/LICENSE"), license),
                        name + " carries the repository's LICENSE in META-INF");
            } else if (name.endsWith(".pom")) {
                verifyPom(name, parse(content), poms, root, group, version, published);
            }
        }
        System.out.printf("release bundle check: %s: %d files, %d artifacts of %d modules (%s)%n", bundle,
                files.size(), files.keySet().stream().filter(n -> !n.matches(".*\\.(asc|md5|sha1|sha256|sha512)"))
                        .count(), published.size(), String.join(", ", published.keySet()));
    }

    /**
     * The metadata Central requires (licenses, developers, url and scm as Maven computes them with the parent's,
     * which is in the bundle), the repository's own url and scm (no artifactId appended), a BOM without parent.
     */
    private void verifyPom(String name, Document pom, Map<String, Document> poms, Document root, String group,
                           String version, Map<String, String> published) throws Exception {
        for (String own : List.of("name", "description")) {
            check(!text(pom, "/project/" + own).isEmpty(), name + " has " + own);
        }
        for (String inherited : List.of("licenses/license/name", "licenses/license/url",
                "developers/developer/name")) {
            check(!effective(pom, poms, inherited).isEmpty(), name + " has " + inherited);
        }
        for (String same : List.of("url", "scm/url", "scm/connection", "scm/developerConnection")) {
            String value = effective(pom, poms, same);
            check(value.equals(text(root, "/project/" + same)),
                    name + " has the repository's " + same + " (" + value + ")");
        }
        String artifactId = text(pom, "/project/artifactId");
        String parent = text(pom, "/project/parent/artifactId");
        check(parent.isEmpty() || published.containsKey(parent), name + "'s parent " + parent + " is published");
        if (artifactId.endsWith("-bom")) {
            check(parent.isEmpty(), name + " has no parent (an import brings only its dependencyManagement)");
            TreeSet<String> managed = new TreeSet<>();
            NodeList deps = nodes(pom, "/project/dependencyManagement/dependencies/dependency");
            for (int i = 0; i < deps.getLength(); i++) {
                String g = text(deps.item(i), "groupId");
                String v = text(deps.item(i), "version");
                check(g.equals(group) && (v.equals(version) || v.equals("${project.version}")),
                        name + " manages only primeflow " + version + " artifacts (" + g + ":" + v + ")");
                managed.add(text(deps.item(i), "artifactId"));
            }
            TreeSet<String> jars = new TreeSet<>();
            published.forEach((id, packaging) -> {
                if (!packaging.equals("pom")) {
                    jars.add(id);
                }
            });
            check(managed.equals(jars), name + " manages exactly the published jars: " + managed + " vs " + jars);
        }
    }

    /** An element's value as Maven's inheritance gives it: the POM's own, else the parent's (+ "/artifactId"). */
    private static String effective(Document pom, Map<String, Document> poms, String element) throws Exception {
        String own = text(pom, "/project/" + element);
        Document parent = poms.get(text(pom, "/project/parent/artifactId"));
        if (!own.isEmpty() || parent == null) {
            return own;
        }
        String value = effective(parent, poms, element);
        String appendAttribute = switch (element) {
            case "url" -> "/project/@child.project.url.inherit.append.path";
            case "scm/url" -> "/project/scm/@child.scm.url.inherit.append.path";
            case "scm/connection" -> "/project/scm/@child.scm.connection.inherit.append.path";
            case "scm/developerConnection" -> "/project/scm/@child.scm.developerConnection.inherit.append.path";
            default -> null;
        };
        boolean append = appendAttribute != null && !value.isEmpty()
                && !"false".equals(text(parent, appendAttribute));
        return append ? value + "/" + text(pom, "/project/artifactId") : value;
    }

    private static boolean gpgVerifies(String name, byte[] content, byte[] signature) {
        try {
            Path tmp = Files.createTempDirectory("release-check");
            Path file = Files.write(tmp.resolve("artifact"), content);
            Path asc = Files.write(tmp.resolve("artifact.asc"), signature);
            Process gpg = new ProcessBuilder("gpg", "--batch", "--quiet", "--verify", asc.toString(),
                    file.toString()).redirectErrorStream(true).start();
            String out = new String(gpg.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            boolean good = gpg.waitFor() == 0;
            if (!good) {
                System.out.println(name + ": " + out);
            }
            Files.delete(asc);
            Files.delete(file);
            Files.delete(tmp);
            return good;
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private void check(boolean ok, String what) {
        checks++;
        if (!ok) {
            failures.add(what);
        }
    }

    private static Map<String, byte[]> unzip(byte[] zip) throws IOException {
        Map<String, byte[]> entries = new TreeMap<>();
        try (ZipInputStream in = new ZipInputStream(new java.io.ByteArrayInputStream(zip))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                if (!e.isDirectory()) {
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    in.transferTo(out);
                    entries.put(e.getName(), out.toByteArray());
                }
            }
        }
        return entries;
    }

    private static Document parse(byte[] xml) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new java.io.ByteArrayInputStream(xml));
    }

    private static final XPath XPATH = XPathFactory.newInstance().newXPath();

    /** Namespace-blind XPath: /project/a/b matches elements by local name. */
    private static String localNames(String path) {
        List<String> steps = new ArrayList<>();
        for (String step : path.split("/")) {
            if (step.startsWith("@")) {
                steps.add(step);
            } else if (!step.isEmpty()) {
                steps.add("*[local-name()='" + step + "']");
            }
        }
        return (path.startsWith("/") ? "/" : "") + String.join("/", steps);
    }

    private static String text(Object node, String path) throws Exception {
        return ((String) XPATH.evaluate(localNames(path), node, XPathConstants.STRING)).trim();
    }

    private static NodeList nodes(Object node, String path) throws Exception {
        return (NodeList) XPATH.evaluate(localNames(path), node, XPathConstants.NODESET);
    }

    private static String hex(byte[] content, String algorithm) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(content));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
