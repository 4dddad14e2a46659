import { resolveChromium } from './chromium.js';

// Unpacks the npm Chromium once, before test workers start, so two workers never unpack it into
// the same temp folder at the same moment. Workers then find it already in place.
export default async function setup() {
  await resolveChromium();
}
