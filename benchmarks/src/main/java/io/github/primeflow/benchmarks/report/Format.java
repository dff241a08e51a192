package io.github.primeflow.benchmarks.report;

import java.util.Locale;

/** Number formatting shared by the Markdown, SVG and JSON outputs: three significant digits, dot decimals. */
final class Format {

    private Format() {
    }

    /** A value with three significant digits (more for large integers), e.g. {@code 0.00123}, {@code 912}. */
    static String number(double value) {
        if (!Double.isFinite(value)) {
            return "n/a";
        }
        double magnitude = Math.abs(value);
        if (magnitude >= 1000 || magnitude == 0) {
            return String.format(Locale.ROOT, "%,.0f", value);
        }
        int decimals = Math.max(0, 2 - (int) Math.floor(Math.log10(magnitude)));
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    /** A target as written in the issue: no trailing zeros, e.g. {@code 1.9}, {@code 50}, {@code 2000000}. */
    static String threshold(double value) {
        return java.math.BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    /** {@code median ± error}, or the median alone when the error is unknown. */
    static String estimate(Estimate e) {
        if (e == null) {
            return "n/a";
        }
        return e.hasError() ? number(e.value()) + " ± " + number(e.error()) : number(e.value());
    }

    /** A ratio as {@code 1.85× ± 0.04}. */
    static String ratio(Estimate e) {
        if (e == null) {
            return "n/a";
        }
        return number(e.value()) + "×" + (e.hasError() ? " ± " + number(e.error()) : "");
    }
}
