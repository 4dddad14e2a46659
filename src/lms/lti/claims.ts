import { z } from 'zod';

// LTI 1.3 claim names and the shape we accept of a launch's id_token (after jose has checked its
// signature, issuer, audience and times). Unknown claims pass through untouched.

const LTI = 'https://purl.imsglobal.org/spec/lti/claim/';
export const CLAIM = {
  messageType: `${LTI}message_type`,
  version: `${LTI}version`,
  deploymentId: `${LTI}deployment_id`,
  targetLinkUri: `${LTI}target_link_uri`,
  resourceLink: `${LTI}resource_link`,
  roles: `${LTI}roles`,
  context: `${LTI}context`,
  custom: `${LTI}custom`,
  launchPresentation: `${LTI}launch_presentation`,
  deepLinkingSettings: 'https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings',
  deepLinkingContentItems: 'https://purl.imsglobal.org/spec/lti-dl/claim/content_items',
  deepLinkingData: 'https://purl.imsglobal.org/spec/lti-dl/claim/data',
  ags: 'https://purl.imsglobal.org/spec/lti-ags/claim/endpoint',
  nrps: 'https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice',
} as const;

export const SCOPE = {
  score: 'https://purl.imsglobal.org/spec/lti-ags/scope/score',
  memberships: 'https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly',
} as const;

export const MESSAGE_TYPES = ['LtiResourceLinkRequest', 'LtiDeepLinkingRequest'] as const;
export type MessageType = (typeof MESSAGE_TYPES)[number];

const url = z.string().url();

export const launchClaimsSchema = z.object({
  sub: z.string().min(1).max(255),
  nonce: z.string().min(1),
  email: z.string().optional(),
  name: z.string().optional(),
  given_name: z.string().optional(),
  family_name: z.string().optional(),
  locale: z.string().optional(),
  [CLAIM.deploymentId]: z.string().min(1).max(255),
  [CLAIM.targetLinkUri]: z.string().optional(),
  [CLAIM.roles]: z.array(z.string()).default([]),
  [CLAIM.resourceLink]: z.object({ id: z.string().min(1).max(255), title: z.string().optional() }).optional(),
  [CLAIM.context]: z.object({ id: z.string().min(1).max(255), title: z.string().optional(), label: z.string().optional() }).optional(),
  [CLAIM.custom]: z.record(z.string(), z.unknown()).optional(),
  [CLAIM.deepLinkingSettings]: z
    .object({
      deep_link_return_url: url,
      accept_types: z.array(z.string()).default([]),
      accept_multiple: z.boolean().optional(),
      data: z.string().optional(),
    })
    .optional(),
  [CLAIM.ags]: z.object({ scope: z.array(z.string()).default([]), lineitems: url.optional(), lineitem: url.optional() }).optional(),
  [CLAIM.nrps]: z.object({ context_memberships_url: url }).optional(),
});

export type LaunchClaims = z.infer<typeof launchClaimsSchema>;

// Role URIs (LTI 1.3 uses full URIs; simple names like "Instructor" are deprecated but still seen).
const INSTRUCTOR_ROLES = [
  /^http:\/\/purl\.imsglobal\.org\/vocab\/lis\/v2\/membership#(Instructor|ContentDeveloper|Administrator)$/,
  /^http:\/\/purl\.imsglobal\.org\/vocab\/lis\/v2\/membership\/Instructor#/,
  /^http:\/\/purl\.imsglobal\.org\/vocab\/lis\/v2\/(institution|system)\/person#Administrator$/,
  /^(Instructor|ContentDeveloper|Administrator)$/,
];
const LEARNER_ROLES = [
  /^http:\/\/purl\.imsglobal\.org\/vocab\/lis\/v2\/membership#Learner$/,
  /^http:\/\/purl\.imsglobal\.org\/vocab\/lis\/v2\/membership\/Learner#/,
  /^Learner$/,
];

/**
 * Our role for an LMS role list: Instructor, ContentDeveloper or an Administrator role →
 * instructor (an LMS administrator is never our institution admin: that stays a decision made
 * here); Learner → trainee; nothing we recognise → null (the launch is refused).
 */
export function mapRoles(roles: readonly string[]): 'instructor' | 'trainee' | null {
  if (roles.some((r) => INSTRUCTOR_ROLES.some((re) => re.test(r)))) return 'instructor';
  if (roles.some((r) => LEARNER_ROLES.some((re) => re.test(r)))) return 'trainee';
  return null;
}
