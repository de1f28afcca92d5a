// The Chrome or Chromium the tests drive: $CHROME_PATH when set, else an installed one, found as
// @web/test-runner-chrome finds it (chrome-launcher: Debian's /usr/bin/chromium, Google Chrome,
// chromium-browser, on Linux, macOS and Windows). Test tools' own browser downloads are not used.
import { existsSync } from 'node:fs';
import { Launcher } from 'chrome-launcher';

const INSTALL_HINT =
  'No Chrome or Chromium found for the tests. Install one (Debian/Ubuntu: `apt-get install chromium`; macOS/Windows: Google Chrome) or set CHROME_PATH to its executable.';

/** Chromium's flags for tests: as root it needs --no-sandbox; no background traffic; WebGL by SwiftShader. */
export const CHROME_ARGS = [
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  '--use-angle=swiftshader',
  '--enable-unsafe-swiftshader',
  '--ignore-gpu-blocklist',
];

let found;
/** The browser's executable; throws with what to install when there is none. */
export function chromePath() {
  if (found) return found;
  const fromEnv = process.env.CHROME_PATH;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`CHROME_PATH is ${fromEnv}, which does not exist. ${INSTALL_HINT}`);
    return (found = fromEnv);
  }
  const installed = existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : Launcher.getInstallations()[0];
  if (!installed) throw new Error(INSTALL_HINT);
  return (found = installed);
}
