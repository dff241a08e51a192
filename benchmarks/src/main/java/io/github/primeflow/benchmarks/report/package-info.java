/**
 * The report generator ({@link io.github.primeflow.benchmarks.report.ReportMain}): reads JMH's JSON and workload
 * D's results, computes ratios within the run, marks the targets and writes Markdown, SVG and JSON.
 */
package io.github.primeflow.benchmarks.report;
