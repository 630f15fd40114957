/**
 * The registry: every rule, in the order it is documented. A removed rule
 * leaves a comment here and its id is never reused.
 */
import type { AnyRule } from '../types';
import checkpointApproval from './checkpoint-approval';
import codeLink from './code-link';
import k8sManifest from './k8s-manifest';
import kubectlRef from './kubectl-ref';
import codeNumber from './code-number';
import docLink from './doc-link';
import driverLog from './driver-log';
import driverSource from './driver-source';
import driverFlag from './driver-flag';
import goTestRun from './go-test-run';
import keyLink from './key-link';
import lastUpdated from './last-updated';
import makeTarget from './make-target';
import noRawHtml from './no-raw-html';
import planMustHaves from './plan-must-haves';
import planSyntax from './plan-syntax';
import resultsTemplate from './results-template';
import runnableBlock from './runnable-block';
import shellSyntax from './shell-syntax';
import tcCaution from './tc-caution';
import tcId from './tc-id';
import tcRequiredSection from './tc-required-section';
import tcSteps from './tc-steps';
import validInput from './valid-input';

export const RULES: readonly AnyRule[] = [
  validInput,
  tcId,
  tcRequiredSection,
  tcSteps,
  tcCaution,
  shellSyntax,
  runnableBlock,
  resultsTemplate,
  lastUpdated,
  docLink,
  codeLink,
  driverSource,
  k8sManifest,
  kubectlRef,
  codeNumber,
  driverLog,
  makeTarget,
  goTestRun,
  driverFlag,
  noRawHtml,
  keyLink,
  planSyntax,
  planMustHaves,
  checkpointApproval,
];
