package io.github.primeflow.benchmarks.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JmhJsonTest {

    @Test
    void readsNameParamsUnitMedianErrorAndIterationCount() {
        String json = "[" + Fixtures.jmhRow("SeedBatchBenchmark.backend",
                "\"backend\" : \"vertx\", \"parallelism\" : \"2\"", "480.5", "12.25", "470.0",
                "[470.0, 480.0, 491.5], [469.0, 471.0, 482.0]") + "]";

        List<JmhResult> results = JmhJson.parse(json);

        assertThat(results).hasSize(1);
        JmhResult r = results.get(0);
        assertThat(r.benchmark()).isEqualTo("SeedBatchBenchmark.backend");
        assertThat(r.params()).isEqualTo(Map.of("backend", "vertx", "parallelism", "2"));
        assertThat(r.unit()).isEqualTo("ms/op");
        assertThat(r.median()).isEqualTo(new Estimate(470.0, 12.25)); // the median, not the mean score
        assertThat(r.iterations()).isEqualTo(6);
    }

    @Test
    void jmhsNanStringBecomesAnUnknownError() {
        String json = "[" + Fixtures.jmhRow("KernelBenchmark.trialDivision", "", "5.0", "\"NaN\"", "5.0", "[5.0]")
                + "]";

        JmhResult r = JmhJson.parse(json).get(0);

        assertThat(r.params()).isEmpty();
        assertThat(r.median().value()).isEqualTo(5.0);
        assertThat(r.median().hasError()).isFalse();
    }

    @Test
    void keepsFileOrderOfSeveralRows() {
        String json = "[" + Fixtures.jmhRow("A.x", "", "1", "0.1", "1", "[1]") + ","
                + Fixtures.jmhRow("B.y", "", "2", "0.1", "2", "[2]") + "]";

        assertThat(JmhJson.parse(json)).extracting(JmhResult::benchmark).containsExactly("A.x", "B.y");
    }

    @Test
    void shortNameKeepsClassAndMethod() {
        assertThat(JmhJson.shortName("io.github.primeflow.benchmarks.jmh.FineRangeBenchmark.naiveVertx"))
                .isEqualTo("FineRangeBenchmark.naiveVertx");
        assertThat(JmhJson.shortName("Plain.method")).isEqualTo("Plain.method");
    }

    @Test
    void rejectsTextThatIsNotJmhOutput() {
        assertThatThrownBy(() -> JmhJson.parse("{\"not\": \"an array\"}"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> JmhJson.parse("[{\"benchmark\": \"x.y\"}]"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("primaryMetric");
    }
}
