/**
 * The flags `klog.InitFlags` registers on a command's flag set, as data.
 *
 * Where they come from: `InitFlags` in `klog.go` of k8s.io/klog/v2 at
 * v2.130.1, the version the driver's go.mod requires (see `../shared/rds-csi`,
 * `go.mod`). The `legacy_stderr_threshold_behavior` flag came in a later
 * klog release and is not here. Check this list when the driver moves to
 * another klog version.
 */
export const KLOG_FLAGS: readonly { name: string; bool: boolean }[] = [
  { name: 'log_dir', bool: false },
  { name: 'log_file', bool: false },
  { name: 'log_file_max_size', bool: false },
  { name: 'logtostderr', bool: true },
  { name: 'alsologtostderr', bool: true },
  { name: 'v', bool: false },
  { name: 'add_dir_header', bool: true },
  { name: 'skip_headers', bool: true },
  { name: 'skip_log_headers', bool: true },
  { name: 'stderrthreshold', bool: false },
  { name: 'vmodule', bool: false },
  { name: 'log_backtrace_at', bool: false },
  { name: 'one_output', bool: true },
];

/** The klog version this list was taken from. */
export const KLOG_FLAGS_VERSION = 'v2.130.1';
