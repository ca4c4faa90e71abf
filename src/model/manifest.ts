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
  /** effectiveOn (default signedOn) starts the filing clock (Order 13 Art 7). */
  standardContract?: { signedOn: IsoDate; effectiveOn?: IsoDate; filedOn?: IsoDate; ref?: string };
  /**
   * Greater Bay Area standard contract (Mainland–Hong Kong or Mainland–Macao): effectiveOn (default signedOn)
   * starts its filing clock; onwardOutsideGba = the recipient will provide the data to anyone outside the GBA
   * (absent = unstated, which the GBA pack reviews: the contract forbids it, so silence cannot confirm the route).
   */
  gbaContract?: { signedOn: IsoDate; effectiveOn?: IsoDate; filedOn?: IsoDate; ref?: string; onwardOutsideGba?: boolean };
  certification?: { ref: string; validUntil: IsoDate };
  securityAssessment?: { ref: string; issuedOn: IsoDate; validUntil: IsoDate };
  authorityApproval?: { ref: string };
}

export interface Manifest {
  /** Ignored: lets editors find the schema. */
  $schema?: string;
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
    /** City of registration (lower-case pinyin), e.g. for the GBA contracts. */
    city?: string;
  };
  recipient: { name: string; country: string; kind: RecipientKind };
  purpose: { basis: LegalBasis; scenario?: string; activity?: Activity; description?: string };
  data: DataItem[];
  personalInformation?: PersonCounts & { priorThisYear?: PersonCounts };
  safeguards?: Safeguards;
  [extension: `x-${string}`]: unknown;
}
