/** `npm test`'s first step: the end-to-end stage will need Chromium; say so before anything runs. */
import { requireChromium } from "./chromium-path";

requireChromium();
