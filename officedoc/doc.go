// Package officedoc writes Word documents (.docx) in the layout of Party
// documents: the issuing body beside "ĐẢNG CỘNG SẢN VIỆT NAM" in a
// two-column header, the number, place and date, the kind and subject, the
// body, "Nơi nhận" beside the signature block, and an annexed table. It
// knows nothing of the bot's figures: callers hand it the words and the
// table, already written in the reader's language.
package officedoc
