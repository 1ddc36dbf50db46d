/**
 * Does what WeChat DevTools' "构建 npm" does for this project, so no click is needed: every runtime
 * dependency of package.json that declares a `miniprogram` folder is copied to `miniprogram_npm/<package>/`
 * of the main package AND of every subpackage root in app.json. Node-only packages (wx-server-sdk, ...) are
 * devDependencies and never land there.
 *
 * Why one copy per package: WeChat resolves a component path like `tdesign-miniprogram/button/button` in the
 * nearest `miniprogram_npm` from the using file upwards, and the packer uploads only the files a page uses.
 * With a copy in each subpackage, a component used only by the admin or distributor pages travels in that
 * subpackage instead of the main package, whose 1 MiB budget the storefront needs.
 */
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '..');
const MINIPROGRAM = path.join(ROOT, 'miniprogram');

/** The main package's root and every subpackage root, relative to the mini program. */
export function npmTargets(): string[] {
  const app = JSON.parse(fs.readFileSync(path.join(MINIPROGRAM, 'app.json'), 'utf8')) as {
    subpackages?: { root: string }[];
  };
  return ['', ...(app.subpackages ?? []).map((s) => s.root.replace(/\/?$/, '/'))];
}

export function packMiniprogramNpm(): string[] {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  const targets = npmTargets().map((root) => path.join(MINIPROGRAM, root, 'miniprogram_npm'));
  for (const target of targets) fs.rmSync(target, { recursive: true, force: true });
  const packed: string[] = [];
  for (const name of Object.keys(pkg.dependencies ?? {})) {
    const dir = path.join(ROOT, 'node_modules', name);
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8'));
    const distDir = manifest.miniprogram ? path.join(dir, manifest.miniprogram) : null;
    if (!distDir || !fs.existsSync(distDir)) {
      throw new Error(
        `${name} has no "miniprogram" folder: mini program dependencies must be mini program packages`,
      );
    }
    for (const target of targets) fs.cpSync(distDir, path.join(target, name), { recursive: true });
    packed.push(`${name}@${manifest.version}`);
  }
  return packed.map(
    (p) =>
      `${p} → ${npmTargets()
        .map((t) => t || '(main)')
        .join(', ')}`,
  );
}
