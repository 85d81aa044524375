/* Writing a subject access export (model/subject_access.h) as JSON and as a tagged PDF. */
#ifndef NESTGUARD_SUBJECT_ACCESS_EXPORT_H
#define NESTGUARD_SUBJECT_ACCESS_EXPORT_H
#include "model/subject_access.h"
#include "util/buf.h"

struct pdf_document;

/* Append the export to OUT as one JSON object. */
void subject_access_json(const struct sar_export *s, struct buf *out);
/* The export laid out as a PDF document (caller frees with pdf_document_free). */
struct pdf_document *subject_access_pdf_document(const struct sar_export *s);
/* Append the PDF to OUT. 0, or -1 when drawing failed. */
int subject_access_pdf(const struct sar_export *s, struct buf *out);

#endif
