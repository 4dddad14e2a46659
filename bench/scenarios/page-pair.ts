import { copyPage, measure, type BenchContext, type Row, type Scenario, type Targets } from '../harness.js';

/** From the issue: a page's server CPU at least half a bare server's sending the same bytes; p99 < 20 ms. */
export const PAGE_TARGETS: Targets = { minCpuRatio: 0.5, maxP99Ms: 20 };

type PageSpec = {
  name: string;
  /** The page's path on the app, and the headers (cookie) to ask for it with; may prepare state first. */
  request(ctx: BenchContext): Promise<{ path: string; headers: Record<string, string> }>;
  expectText(ctx: BenchContext): string;
  targets?: Targets;
};

/**
 * One page of the real app against its own reference: the bare server replaying that page's bytes
 * and headers. Both get the same fixed number of requests; each row carries the server's CPU per
 * request (from /proc, so the load generator's CPU does not count) and the page row their ratio.
 */
export function pageScenario(spec: PageSpec): Scenario {
  return {
    name: spec.name,
    targets: spec.targets ?? PAGE_TARGETS,
    run: async (ctx): Promise<Row[]> => {
      const { path, headers } = await spec.request(ctx);
      const expectText = spec.expectText(ctx);
      const url = `${ctx.app.url}${path}`;
      const copy = await copyPage(ctx.baseline, spec.name.replace(/\W+/g, '-'), url, headers, expectText);
      const requests = ctx.settings.requests;
      const page = await measure({ name: spec.name, url, headers, expectText, requests, cpuPid: ctx.app.child.pid });
      const bare = await measure({ name: `  bare server, same ${copy.bytes} bytes`, url: copy.url, expectText, requests, cpuPid: ctx.baseline.child.pid });
      page.bytes = bare.bytes = copy.bytes;
      page.bare_cpu_us = bare.cpu_us;
      if (page.cpu_us && bare.cpu_us) page.cpu_ratio = Math.round((bare.cpu_us / page.cpu_us) * 1000) / 1000;
      page.baseline_ratio = bare.rps > 0 ? Math.round((page.rps / bare.rps) * 1000) / 1000 : 0;
      bare.baseline_ratio = 1;
      bare.detail = `reference for ${spec.name}`;
      return [page, { ...bare, targets: {} }];
    },
  };
}
