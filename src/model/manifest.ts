/** A transfer manifest, format v1 (../shared/spec/manifest.md). Types only. */

export type IsoDate = string; // YYYY-MM-DD, validated by the schema

export type RecipientKind = 'company' | 'individual' | 'foreign-authority';
export type LegalBasis = 'consent' | 'contract' | 'hr' | 'emergency' | 'legal-duty' | 'none';
export type Activity =
  | 'international-trade' | 'cross-border-transport' | 'academic-cooperation'
  | 'manufacturing' | 'marketing' | 'reexport-of-foreign-data' | 'other';
export type Classification = 'general' | 'important' | 'core';
export type Origin = 'domestic' | 'abroad';

export interface DataItem {
  id: string;
  description?: string;
  categories: string[];
  classification: Classification;
  origin?: Origin;
  records?: number;
}

export interface PersonCounts {
  individuals: number;
  sensitiveIndividuals: number;
}

export interface Safeguards {
  separateConsent?: boolean;
  pia?: { completedOn: IsoDate };
  standardContract?: { signedOn: IsoDate; filedOn?: IsoDate; ref?: string };
  certification?: { ref: string; validUntil: IsoDate };
  securityAssessment?: { ref: string; issuedOn: IsoDate; validUntil: IsoDate };
  authorityApproval?: { ref: string };
}

export interface Manifest {
  apiVersion: 'xborder/v1';
  kind: 'TransferManifest';
  id: string;
  date: IsoDate;
  exporter: {
    name: string;
    uscc?: string;
    region: string;
    zone?: string;
    ciio: boolean;
    sector?: string;
  };
  recipient: { name: string; country: string; kind: RecipientKind };
  purpose: { basis: LegalBasis; scenario?: string; activity?: Activity; description?: string };
  data: DataItem[];
  personalInformation?: PersonCounts & { priorThisYear?: PersonCounts };
  safeguards?: Safeguards;
  [extension: `x-${string}`]: unknown;
}
