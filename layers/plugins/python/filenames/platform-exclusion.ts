// A remote's `exclude_platforms` as bandersnatch's exclude_platform filter applies it (what
// pulp_python's sync runs): filename substrings per platform, plus package types that only exist
// for that platform. Sdists are never excluded. The Linux list includes PEP 600 `manylinux_x_y`
// and PEP 656 `musllinux` like current bandersnatch (the 6.6 that pulp_python pins misses them).

export const EXCLUDABLE_PLATFORMS = ['windows', 'macos', 'freebsd', 'linux'] as const;
export type ExcludablePlatform = (typeof EXCLUDABLE_PLATFORMS)[number];

interface PlatformRule {
  substrings: readonly string[];
  packageTypes: readonly string[];
}

const RULES: Record<ExcludablePlatform, PlatformRule> = {
  windows: {
    substrings: ['.win32', '-win32', 'win_amd64', 'win-amd64', 'win_arm64', 'win-arm64'],
    packageTypes: ['bdist_msi', 'bdist_wininst'],
  },
  macos: { substrings: ['macosx_', 'macosx-'], packageTypes: ['bdist_dmg'] },
  freebsd: { substrings: ['.freebsd', '-freebsd'], packageTypes: [] },
  linux: {
    substrings: [
      'linux-i686',
      'linux-x86_64',
      'linux_armv7l',
      'linux_armv6l',
      'manylinux1_i686',
      'manylinux1_x86_64',
      'manylinux2010_i686',
      'manylinux2010_x86_64',
      'manylinux2014_x86_64',
      'manylinux2014_i686',
      'manylinux2014_aarch64',
      'manylinux2014_armv7l',
      'manylinux2014_ppc64',
      'manylinux2014_ppc64le',
      'manylinux2014_s390x',
      '-manylinux_',
      'musllinux',
    ],
    packageTypes: ['bdist_rpm'],
  },
};

export function isExcludablePlatform(value: string): value is ExcludablePlatform {
  return (EXCLUDABLE_PLATFORMS as readonly string[]).includes(value);
}

/** Whether a file (name and PyPI package type) is for one of the excluded platforms. */
export function excludedByPlatform(
  file: { filename: string; packagetype: string },
  platforms: readonly ExcludablePlatform[],
): boolean {
  if (file.packagetype === 'sdist') return false;
  return platforms.some((platform) => {
    const rule = RULES[platform];
    return rule.packageTypes.includes(file.packagetype) || rule.substrings.some((s) => file.filename.includes(s));
  });
}
