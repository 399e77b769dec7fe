/**
 * Writes the IAM documents of esc/ from their one source each: esc/preview-readonly-policy.json
 * (lib/aws/previewReads.ts) and esc/review-stack-boundary.json (lib/aws/reviewStackBoundary.ts,
 * for the README's example account). `npm run ci-policies`; tests fail when a committed file is
 * stale.
 */
import * as fs from "fs";
import * as path from "path";
import { previewReadOnlyPolicy } from "../lib/aws/previewReads";
import { reviewStackBoundary } from "../lib/aws/reviewStackBoundary";

export const EXAMPLE_ACCOUNT = "123456789012";
export const PREVIEW_POLICY_FILE = path.join(__dirname, "..", "esc", "preview-readonly-policy.json");
export const REVIEW_BOUNDARY_FILE = path.join(__dirname, "..", "esc", "review-stack-boundary.json");

const json = (v: unknown) => JSON.stringify(v, null, 2) + "\n";
export const previewPolicyText = () => json(previewReadOnlyPolicy());
export const reviewBoundaryText = () => json(reviewStackBoundary(EXAMPLE_ACCOUNT));

if (require.main === module) {
    fs.writeFileSync(PREVIEW_POLICY_FILE, previewPolicyText());
    fs.writeFileSync(REVIEW_BOUNDARY_FILE, reviewBoundaryText());
    console.log("wrote esc/preview-readonly-policy.json and esc/review-stack-boundary.json");
}
