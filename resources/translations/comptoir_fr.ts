<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="fr_FR" sourcelanguage="fr_FR">
    <context>
        <name>BalanceCards</name>
        <message numerus="yes">
            <source>%n paiement(s) reçu(s)</source>
            <translation>
                <numerusform>%n paiement reçu</numerusform>
                <numerusform>%n paiements reçus</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>BatchSender</name>
        <message numerus="yes">
            <source>%n envoyé(s), {waiting} en attente ou à vérifier, {refused}, {bad}.</source>
            <translation>
                <numerusform>%n envoyé, {waiting} en attente ou à vérifier, {refused}, {bad}.</numerusform>
                <numerusform>%n envoyés, {waiting} en attente ou à vérifier, {refused}, {bad}.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n refusé(s)</source>
            <translation>
                <numerusform>%n refusé</numerusform>
                <numerusform>%n refusés</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n ligne(s) en erreur non envoyée(s)</source>
            <translation>
                <numerusform>%n ligne en erreur non envoyée</numerusform>
                <numerusform>%n lignes en erreur non envoyées</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>CheckoutTab</name>
        <message numerus="yes">
            <source>%n paiement(s) vérifié(s) : {paid}, {refused}, {waiting} encore en attente.</source>
            <translation>
                <numerusform>%n paiement vérifié : {paid}, {refused}, {waiting} encore en attente.</numerusform>
                <numerusform>%n paiements vérifiés : {paid}, {refused}, {waiting} encore en attente.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n payé(s)</source>
            <translation>
                <numerusform>%n payé</numerusform>
                <numerusform>%n payés</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n refusé(s)</source>
            <translation>
                <numerusform>%n refusé</numerusform>
                <numerusform>%n refusés</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n paiement(s) à vérifier.</source>
            <translation>
                <numerusform>%n paiement à vérifier.</numerusform>
                <numerusform>%n paiements à vérifier.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Aujourd'hui : %n lien(s), {paid}, total encaissé {total}</source>
            <translation>
                <numerusform>Aujourd'hui : %n lien, {paid}, total encaissé {total}</numerusform>
                <numerusform>Aujourd'hui : %n liens, {paid}, total encaissé {total}</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>ClosingTab</name>
        <message numerus="yes">
            <source>%n paiement(s)</source>
            <translation>
                <numerusform>%n paiement</numerusform>
                <numerusform>%n paiements</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n vente(s) en espèces</source>
            <translation>
                <numerusform>%n vente en espèces</numerusform>
                <numerusform>%n ventes en espèces</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n paiement(s) hors caisse</source>
            <translation>
                <numerusform>%n paiement hors caisse</numerusform>
                <numerusform>%n paiements hors caisse</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>ConfirmTransferDialog</name>
        <message numerus="yes">
            <source>… et %n autre(s)</source>
            <translation>
                <numerusform>… et %n autre</numerusform>
                <numerusform>… et %n autres</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>ContactChooser</name>
        <message numerus="yes">
            <source>Un transfert ne peut aller qu'à un contact enregistré chez CinetPay (%n disponible(s)).</source>
            <translation>
                <numerusform>Un transfert ne peut aller qu'à un contact enregistré chez CinetPay (%n disponible).</numerusform>
                <numerusform>Un transfert ne peut aller qu'à un contact enregistré chez CinetPay (%n disponibles).</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n contact(s) en attente du réseau pas encore utilisable(s).</source>
            <translation>
                <numerusform>%n contact en attente du réseau pas encore utilisable.</numerusform>
                <numerusform>%n contacts en attente du réseau pas encore utilisables.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>ContactsImport</name>
        <message numerus="yes">
            <source>%n ajouté(s), {waiting} en attente du réseau, {refused}, {bad}.</source>
            <translation>
                <numerusform>%n ajouté, {waiting} en attente du réseau, {refused}, {bad}.</numerusform>
                <numerusform>%n ajoutés, {waiting} en attente du réseau, {refused}, {bad}.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n refusé(s)</source>
            <translation>
                <numerusform>%n refusé</numerusform>
                <numerusform>%n refusés</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n ligne(s) en erreur non envoyée(s)</source>
            <translation>
                <numerusform>%n ligne en erreur non envoyée</numerusform>
                <numerusform>%n lignes en erreur non envoyées</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>ContactsTab</name>
        <message numerus="yes">
            <source>%n contact(s)</source>
            <translation>
                <numerusform>%n contact</numerusform>
                <numerusform>%n contacts</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>{shown} sur %n contact(s)</source>
            <translation>
                <numerusform>{shown} sur %n contact</numerusform>
                <numerusform>{shown} sur %n contacts</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>HistoryTab</name>
        <message numerus="yes">
            <source>{text} · %n ligne(s) illisible(s)</source>
            <translation>
                <numerusform>{text} · %n ligne illisible</numerusform>
                <numerusform>{text} · %n lignes illisibles</numerusform>
            </translation>
        </message>
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
        <name>ImportDialog</name>
        <message numerus="yes">
            <source>{file} : %n ligne(s), {good}, {bad} en erreur.</source>
            <translation>
                <numerusform>{file} : %n ligne, {good}, {bad} en erreur.</numerusform>
                <numerusform>{file} : %n lignes, {good}, {bad} en erreur.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n correcte(s)</source>
            <translation>
                <numerusform>%n correcte</numerusform>
                <numerusform>%n correctes</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Importer %n contact(s)</source>
            <translation>
                <numerusform>Importer %n contact</numerusform>
                <numerusform>Importer %n contacts</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Envoyer %n transfert(s) : {total}</source>
            <translation>
                <numerusform>Envoyer %n transfert : {total}</numerusform>
                <numerusform>Envoyer %n transferts : {total}</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>JournalView</name>
        <message numerus="yes">
            <source>%n lien(s)</source>
            <translation>
                <numerusform>%n lien</numerusform>
                <numerusform>%n liens</numerusform>
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
    <context>
        <name>TransfersTab</name>
        <message numerus="yes">
            <source>%n transfert(s) suivi(s), dont {done}.</source>
            <translation>
                <numerusform>%n transfert suivi, dont {done}.</numerusform>
                <numerusform>%n transferts suivis, dont {done}.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n effectué(s)</source>
            <translation>
                <numerusform>%n effectué</numerusform>
                <numerusform>%n effectués</numerusform>
            </translation>
        </message>
    </context>
</TS>
