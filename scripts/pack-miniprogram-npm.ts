/**
 * Does what WeChat DevTools' "构建 npm" does for this project, so no click is needed: every runtime
 * dependency of package.json that declares a `miniprogram` folder is copied to
 * miniprogram/miniprogram_npm/<package>/. Node-only packages (wx-server-sdk, ...) are devDependencies and
 * never land there.
 */
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..');
const TARGET = path.join(ROOT, 'miniprogram', 'miniprogram_npm');

export function packMiniprogramNpm(): string[] {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  const packed: string[] = [];
  fs.rmSync(TARGET, { recursive: true, force: true });
  for (const name of Object.keys(pkg.dependencies ?? {})) {
    const dir = path.join(ROOT, 'node_modules', name);
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
    const distDir = manifest.miniprogram ? path.join(dir, manifest.miniprogram) : null;
    if (!distDir || !fs.existsSync(distDir)) {
      throw new Error(
        `${name} has no "miniprogram" folder: mini program dependencies must be mini program packages`,
      );
    }
    fs.cpSync(distDir, path.join(TARGET, name), { recursive: true });
    packed.push(`${name}@${manifest.version}`);
  }
  return packed;
}
