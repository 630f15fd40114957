/**
 * The site's settings for linking into the driver source, read once from the
 * environment when the config loads and validated before any page is built.
 *
 *   RDS_CSI_REPO    repository the code links point at (default: the public driver repository)
 *   RDS_CSI_REF     branch, tag or commit in that repository (default: the pinned commit)
 *   RDS_CSI_SOURCE  local checkout of the driver, to turn Go symbols into line anchors (default: none)
 *
 * The defaults live in driver-source.json, which the workflows also read to
 * check out the same commit: published `#L` line links stay right only when
 * they point at the commit whose lines were counted.
 */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import pinned from '../../driver-source.json';

export interface DriverSourceOptions {
  /** `https://github.com/owner/name`, no trailing slash. */
  driverRepository: string;
  /** Branch, tag or commit the links point at. */
  driverRef: string;
  /** Absolute path of a driver checkout; undefined when none is configured. */
  driverSourceRoot?: string;
}

export const DEFAULT_DRIVER_REPOSITORY: string = pinned.repository;
export const DEFAULT_DRIVER_REF: string = pinned.ref;

const REPOSITORY = /^https:\/\/[A-Za-z0-9.-]+(?::\d+)?(?:\/[A-Za-z0-9._~-]+)+$/;
const REF = /^[A-Za-z0-9._/-]+$/;

/** A configuration problem, named after the setting, raised before the build starts. */
export class SiteOptionsError extends Error {
  override name = 'SiteOptionsError';
}

export function readDriverSourceOptions(
  env: NodeJS.ProcessEnv = process.env,
  siteDir: string = process.cwd(),
): DriverSourceOptions {
  return validateDriverSourceOptions(
    {
      driverRepository: env.RDS_CSI_REPO || DEFAULT_DRIVER_REPOSITORY,
      driverRef: env.RDS_CSI_REF || DEFAULT_DRIVER_REF,
      driverSourceRoot: env.RDS_CSI_SOURCE || undefined,
    },
    siteDir,
  );
}

export function validateDriverSourceOptions(
  input: Partial<DriverSourceOptions>,
  siteDir: string = process.cwd(),
): DriverSourceOptions {
  const driverRepository = (input.driverRepository ?? DEFAULT_DRIVER_REPOSITORY)
    .replace(/\/+$/, '')
    .replace(/\.git$/, '');
  if (!REPOSITORY.test(driverRepository)) {
    throw new SiteOptionsError(
      `driverRepository (RDS_CSI_REPO): \`${input.driverRepository}\` is not a repository URL; expected https://host/owner/name`,
    );
  }
  const driverRef = input.driverRef ?? DEFAULT_DRIVER_REF;
  if (!REF.test(driverRef) || driverRef.split('/').some((part) => part === '' || part === '..' || part === '.')) {
    throw new SiteOptionsError(
      `driverRef (RDS_CSI_REF): \`${driverRef}\` is not a branch, tag or commit name; expected letters, digits, '.', '_', '-' and '/'`,
    );
  }
  let driverSourceRoot: string | undefined;
  if (input.driverSourceRoot) {
    driverSourceRoot = path.resolve(siteDir, input.driverSourceRoot);
    if (!existsSync(driverSourceRoot) || !statSync(driverSourceRoot).isDirectory()) {
      throw new SiteOptionsError(
        `driverSourceRoot (RDS_CSI_SOURCE): \`${input.driverSourceRoot}\` is not a directory; expected a checkout of the driver source`,
      );
    }
  }
  return { driverRepository, driverRef, ...(driverSourceRoot ? { driverSourceRoot } : {}) };
}
