import { z } from "zod";

// zod probes `new Function` to decide whether to compile fast parsers. Under Outflow's CSP (no
// 'unsafe-eval') the probe fails quietly but still reports a CSP violation on every page load;
// jitless skips it. This file runs before any other client code (a Next.js convention).
z.config({ jitless: true });
