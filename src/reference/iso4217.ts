// ISO 4217 currency codes (list one: current currencies and funds), the reference the loan file's currency is
// checked against. The codes come from the `currency-codes` package, which ingests the list SIX publishes for
// ISO (`list_one.xml`, shipped inside the package); provenance and the edition's known gaps in
// data/PROVENANCE.md.
import currencyCodes from 'currency-codes';

/** The edition of the list, as the package states it (its `list_one.xml` publish date). */
export const ISO4217_VERSION = `ISO 4217 list one, published ${currencyCodes.publishDate}`;

export const ISO4217_CODES: readonly string[] = [...new Set(currencyCodes.codes())].sort();
