/**
 * What a new credential is called in "Your sign-ins" (zCredential `label`): the app and the
 * computer's system, so a person with several browsers tells them apart. Nothing identifying.
 */
import { browser } from '#imports';

const systems: Record<string, string> = { mac: 'macOS', win: 'Windows', linux: 'Linux', cros: 'ChromeOS', android: 'Android' };

export async function deviceLabel(): Promise<string> {
  try {
    const { os } = await browser.runtime.getPlatformInfo();
    return `Dyad for Chrome on ${systems[os] ?? os}`;
  } catch {
    return 'Dyad for Chrome';
  }
}
