<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR" sourcelanguage="fr_FR">
    <context>
        <name>DashboardTab</name>
        <message numerus="yes">
            <source>%n paiement(s) reçu(s)</source>
            <translation>
                <numerusform>%n paiement reçu</numerusform>
                <numerusform>%n paiements reçus</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>HistoryTab</name>
        <message numerus="yes">
            <source>%n transaction(s)</source>
            <translation>
                <numerusform>%n transaction</numerusform>
                <numerusform>%n transactions</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n ligne(s) exportée(s) vers {path}</source>
            <translation>
                <numerusform>%n ligne exportée vers {path}</numerusform>
                <numerusform>%n lignes exportées vers {path}</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>StatusBar</name>
        <message numerus="yes">
            <source>%n opération(s) non confirmée(s)</source>
            <translation>
                <numerusform>%n opération non confirmée</numerusform>
                <numerusform>%n opérations non confirmées</numerusform>
            </translation>
        </message>
    </context>
</TS>
