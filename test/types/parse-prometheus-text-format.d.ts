// parse-prometheus-text-format ships no types; this covers what test/scrape-metrics.ts reads.
declare module "parse-prometheus-text-format" {
  type TSample = {
    value?: string;
    labels?: Record<string, string>;
    buckets?: Record<string, string>;
    count?: string;
    sum?: string;
  };
  type TFamily = { name: string; help: string; type: string; metrics: TSample[] };
  export default function parsePrometheusTextFormat(text: string): TFamily[];
}
