"""Printed reports (Qt's own QPdfWriter / QPrinter, no other dependency): the end-of-day
closing report a manager signs. Qt is allowed here (not part of the Qt-free core); every
renderer works headless, from the command line too."""
