<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="fr_FR">
    <context>
        <name>AccountPage</name>
        <message>
            <source>Identifiants CinetPay</source>
            <translation>CinetPay credentials</translation>
        </message>
        <message>
            <source>Tester la connexion</source>
            <translation>Test the connection</translation>
        </message>
        <message>
            <source>Vérifier et enregistrer</source>
            <translation>Check and save</translation>
        </message>
        <message>
            <source>Effacer du coffre</source>
            <translation>Remove from the keyring</translation>
        </message>
        <message>
            <source>Mode formation : les identifiants de démonstration du simulateur sont utilisés ; rien n'est lu ni écrit dans le coffre.</source>
            <translation>Training mode: the simulator's demo credentials are used; nothing is read from or written to the keyring.</translation>
        </message>
        <message>
            <source>Coffre : non utilisé en mode formation</source>
            <translation>Keyring: not used in training mode</translation>
        </message>
        <message>
            <source>Coffre des identifiants : …</source>
            <translation>Credentials keyring: …</translation>
        </message>
        <message>
            <source>Coffre des identifiants : {name}</source>
            <translation>Credentials keyring: {name}</translation>
        </message>
        <message>
            <source>Vérification auprès de CinetPay…</source>
            <translation>Checking with CinetPay…</translation>
        </message>
        <message>
            <source>Connexion réussie (nouvelle plateforme CinetPay, {country}).</source>
            <translation>Connection successful (CinetPay's current platform, {country}).</translation>
        </message>
        <message>
            <source>Connexion réussie. Solde du compte : {amount}.</source>
            <translation>Connection successful. Account balance: {amount}.</translation>
        </message>
        <message>
            <source>Mot de passe de transfert accepté.</source>
            <translation>Transfer password accepted.</translation>
        </message>
        <message>
            <source>Identifiants refusés par CinetPay.</source>
            <translation>Credentials refused by CinetPay.</translation>
        </message>
        <message>
            <source>Identifiants vérifiés et enregistrés dans le coffre.</source>
            <translation>Credentials checked and saved in the keyring.</translation>
        </message>
        <message>
            <source>Identifiants effacés du coffre. Au prochain démarrage, Comptoir les redemandera.</source>
            <translation>Credentials removed from the keyring. Comptoir will ask for them at the next start.</translation>
        </message>
    </context>
    <context>
        <name>BalanceCards</name>
        <message>
            <source>Compte marchand</source>
            <translation>Merchant account</translation>
        </message>
        <message>
            <source>Solde du service</source>
            <translation>Service balance</translation>
        </message>
        <message>
            <source>Transferts : disponible</source>
            <translation>Transfers: available</translation>
        </message>
        <message>
            <source>Encaissé aujourd'hui</source>
            <translation>Collected today</translation>
        </message>
        <message>
            <source>Solde disponible</source>
            <translation>Available balance</translation>
        </message>
        <message>
            <source>{when} · non actualisé</source>
            <translation>{when} · not refreshed</translation>
        </message>
        <message>
            <source>CinetPay n'a pas pu être joint : dernier montant connu, à l'heure indiquée.</source>
            <translation>CinetPay could not be reached: last known amount, as of the time shown.</translation>
        </message>
        <message numerus="yes">
            <source>%n paiement(s) reçu(s)</source>
            <translation>
                <numerusform>%n payment received</numerusform>
                <numerusform>%n payments received</numerusform>
            </translation>
        </message>
        <message>
            <source>d'après l'historique {when}</source>
            <translation>from the history {when}</translation>
        </message>
        <message>
            <source>d'après le journal de Comptoir</source>
            <translation>from Comptoir's journal</translation>
        </message>
        <message>
            <source>Pas encore de donnée</source>
            <translation>No data yet</translation>
        </message>
        <message>
            <source>Crédits : {credit}
Débits : {debit}</source>
            <translation>Credits: {credit}
Debits: {debit}</translation>
        </message>
        <message>
            <source>Chez CinetPay (nouvelle plateforme)</source>
            <translation>At CinetPay (new platform)</translation>
        </message>
        <message>
            <source>Transferts non configurés (mot de passe de transfert absent)</source>
            <translation>Transfers not set up (no transfer password)</translation>
        </message>
        <message>
            <source>Montant : {amount}
En cours d'utilisation : {used}</source>
            <translation>Amount: {amount}
In use: {used}</translation>
        </message>
    </context>
    <context>
        <name>BatchSender</name>
        <message>
            <source>Transferts par lot</source>
            <translation>Batch transfers</translation>
        </message>
        <message>
            <source>Ajouter d'abord les contacts manquants ({n})…</source>
            <translation>Add the missing contacts first ({n})…</translation>
        </message>
        <message>
            <source>Rien n'a été envoyé.</source>
            <translation>Nothing was sent.</translation>
        </message>
        <message>
            <source>Envoi à CinetPay…</source>
            <translation>Sending to CinetPay…</translation>
        </message>
        <message numerus="yes">
            <source>%n envoyé(s), {waiting} en attente ou à vérifier, {refused}, {bad}.</source>
            <translation>
                <numerusform>%n sent, {waiting} pending or to be checked, {refused}, {bad}.</numerusform>
                <numerusform>%n sent, {waiting} pending or to be checked, {refused}, {bad}.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n refusé(s)</source>
            <translation>
                <numerusform>%n refused</numerusform>
                <numerusform>%n refused</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n ligne(s) en erreur non envoyée(s)</source>
            <translation>
                <numerusform>%n invalid line not sent</numerusform>
                <numerusform>%n invalid lines not sent</numerusform>
            </translation>
        </message>
        <message>
            <source>Transferts par lot : {summary}</source>
            <translation>Batch transfers: {summary}</translation>
        </message>
    </context>
    <context>
        <name>CashDialog</name>
        <message>
            <source>Espèces</source>
            <translation>Cash</translation>
        </message>
        <message>
            <source>Vente</source>
            <translation>Sale</translation>
        </message>
        <message>
            <source>Sortie</source>
            <translation>Pay-out</translation>
        </message>
        <message>
            <source>Apport</source>
            <translation>Cash in</translation>
        </message>
        <message>
            <source>Enregistrer</source>
            <translation>Save</translation>
        </message>
        <message>
            <source>Fermer</source>
            <translation>Close</translation>
        </message>
        <message>
            <source>Montant</source>
            <translation>Amount</translation>
        </message>
        <message>
            <source>Description (facultatif)</source>
            <translation>Description (optional)</translation>
        </message>
        <message>
            <source>Enregistrer la vente</source>
            <translation>Record the sale</translation>
        </message>
        <message>
            <source>Motif (obligatoire)</source>
            <translation>Reason (required)</translation>
        </message>
        <message>
            <source>Enregistrer la sortie</source>
            <translation>Record the pay-out</translation>
        </message>
        <message>
            <source>Enregistrer l'apport</source>
            <translation>Record the cash in</translation>
        </message>
        <message>
            <source>Saisissez le montant</source>
            <translation>Type the amount</translation>
        </message>
        <message>
            <source>Vente espèces enregistrée : {amount}</source>
            <translation>Cash sale recorded: {amount}</translation>
        </message>
        <message>
            <source>Sortie d'espèces enregistrée : {amount}</source>
            <translation>Cash pay-out recorded: {amount}</translation>
        </message>
        <message>
            <source>Apport d'espèces enregistré : {amount}</source>
            <translation>Cash in recorded: {amount}</translation>
        </message>
        <message>
            <source>Espèces aujourd'hui : {sales} · attendu en caisse : {expected}</source>
            <translation>Cash today: {sales} · expected in the drawer: {expected}</translation>
        </message>
    </context>
    <context>
        <name>CashierDesk</name>
        <message>
            <source>Identifiez-vous pour utiliser la caisse.</source>
            <translation>Sign in to use the till.</translation>
        </message>
        <message>
            <source>Aucun caissier : le poste fonctionne sans identification. Un gérant en ajoute dans Réglages › Caissiers.</source>
            <translation>No cashier: the till works without signing in. A manager adds some in Settings › Cashiers.</translation>
        </message>
        <message>
            <source>Caisse verrouillée après inactivité.</source>
            <translation>Till locked after inactivity.</translation>
        </message>
        <message>
            <source>{name} est à la caisse.</source>
            <translation>{name} is at the till.</translation>
        </message>
        <message>
            <source>gérant</source>
            <translation>manager</translation>
        </message>
        <message>
            <source>caissier</source>
            <translation>cashier</translation>
        </message>
        <message>
            <source>{name} ({role}) — F9</source>
            <translation>{name} ({role}) — F9</translation>
        </message>
        <message>
            <source>Personne à la caisse — F9</source>
            <translation>Nobody at the till — F9</translation>
        </message>
    </context>
    <context>
        <name>CashiersPage</name>
        <message>
            <source>Caissiers</source>
            <translation>Cashiers</translation>
        </message>
        <message>
            <source>caissier</source>
            <translation>cashier</translation>
        </message>
        <message>
            <source>gérant</source>
            <translation>manager</translation>
        </message>
        <message>
            <source>Code gérant actuel</source>
            <translation>Current manager code</translation>
        </message>
        <message>
            <source>Ajouter</source>
            <translation>Add</translation>
        </message>
        <message>
            <source>Retirer le caissier choisi</source>
            <translation>Remove the chosen cashier</translation>
        </message>
        <message>
            <source>Sans caissier, le poste fonctionne sans identification. Le premier est un gérant ; le code gérant existant devient celui du gérant « Gérant ». F9 : changer de caissier.</source>
            <translation>Without cashiers, the till works without signing in. The first one is a manager; the existing manager code becomes the code of the manager “Gérant”. F9: switch cashier.</translation>
        </message>
        <message>
            <source>Nom</source>
            <translation>Last name</translation>
        </message>
        <message>
            <source>Rôle</source>
            <translation>Role</translation>
        </message>
        <message>
            <source>Code (4 à 8 chiffres)</source>
            <translation>Code (4 to 8 digits)</translation>
        </message>
        <message>
            <source>Ajouté : {names}</source>
            <translation>Added: {names}</translation>
        </message>
        <message>
            <source>Choisissez un caissier dans la liste.</source>
            <translation>Choose a cashier in the list.</translation>
        </message>
        <message>
            <source>Retiré : {name}</source>
            <translation>Removed: {name}</translation>
        </message>
    </context>
    <context>
        <name>CheckoutForm</name>
        <message>
            <source>Créer le lien de paiement (Entrée)</source>
            <translation>Create the payment link (Enter)</translation>
        </message>
        <message>
            <source>Nouveau paiement</source>
            <translation>New payment</translation>
        </message>
        <message>
            <source>Montant</source>
            <translation>Amount</translation>
        </message>
        <message>
            <source>Tous les moyens de paiement</source>
            <translation>All payment methods</translation>
        </message>
        <message>
            <source>Mobile money</source>
            <translation>Mobile money</translation>
        </message>
        <message>
            <source>Carte bancaire</source>
            <translation>Bank card</translation>
        </message>
        <message>
            <source>Portefeuille (wallet)</source>
            <translation>Wallet</translation>
        </message>
        <message>
            <source>&amp;Montant</source>
            <translation>&amp;Amount</translation>
        </message>
        <message>
            <source>&amp;Description</source>
            <translation>&amp;Description</translation>
        </message>
        <message>
            <source>Moyens de &amp;paiement</source>
            <translation>&amp;Payment methods</translation>
        </message>
        <message>
            <source>Nom</source>
            <translation>Last name</translation>
        </message>
        <message>
            <source>Prénom</source>
            <translation>First name</translation>
        </message>
        <message>
            <source>Téléphone</source>
            <translation>Phone</translation>
        </message>
        <message>
            <source>E-mail</source>
            <translation>Email</translation>
        </message>
        <message>
            <source>Adresse</source>
            <translation>Address</translation>
        </message>
        <message>
            <source>Ville</source>
            <translation>City</translation>
        </message>
        <message>
            <source>Pays (code, ex. CI)</source>
            <translation>Country (code, e.g. CI)</translation>
        </message>
        <message>
            <source>Région (code, ex. AB)</source>
            <translation>State (code, e.g. AB)</translation>
        </message>
        <message>
            <source>Code postal</source>
            <translation>Postal code</translation>
        </message>
        <message>
            <source>Client (obligatoire pour la carte)</source>
            <translation>Customer (required for cards)</translation>
        </message>
        <message>
            <source>Client (facultatif)</source>
            <translation>Customer (optional)</translation>
        </message>
        <message>
            <source>Saisissez le montant à encaisser</source>
            <translation>Enter the amount to collect</translation>
        </message>
        <message>
            <source>Obligatoire pour le paiement par carte</source>
            <translation>Required for card payments</translation>
        </message>
        <message>
            <source>Lien non créé : CinetPay est injoignable (pas de réseau ?). Rien n'a été envoyé ; réessayez quand le réseau revient.</source>
            <translation>Link not created: CinetPay cannot be reached (no network?). Nothing was sent; try again when the network is back.</translation>
        </message>
        <message>
            <source>Lien non créé : {reason}</source>
            <translation>Link not created: {reason}</translation>
        </message>
    </context>
    <context>
        <name>CheckoutTab</name>
        <message>
            <source>Encaisser</source>
            <translation>Take payment</translation>
        </message>
        <message>
            <source>Lien annulé. CinetPay n'annule pas un lien : dites au client de ne pas payer (un paiement qui arriverait quand même sera signalé).</source>
            <translation>Link cancelled. CinetPay does not cancel a link: tell the customer not to pay (a payment that still arrives will be flagged).</translation>
        </message>
        <message>
            <source>Choisissez d'abord un paiement dans la liste</source>
            <translation>First choose a payment in the list</translation>
        </message>
        <message>
            <source>Aucun paiement en attente</source>
            <translation>No pending payments</translation>
        </message>
        <message>
            <source>Hors ligne : vérification impossible pour l'instant.</source>
            <translation>Offline: cannot check for now.</translation>
        </message>
        <message numerus="yes">
            <source>%n paiement(s) vérifié(s) : {paid}, {refused}, {waiting} encore en attente.</source>
            <translation>
                <numerusform>%n payment checked: {paid}, {refused}, {waiting} still pending.</numerusform>
                <numerusform>%n payments checked: {paid}, {refused}, {waiting} still pending.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n payé(s)</source>
            <translation>
                <numerusform>%n paid</numerusform>
                <numerusform>%n paid</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n refusé(s)</source>
            <translation>
                <numerusform>%n refused</numerusform>
                <numerusform>%n refused</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n paiement(s) à vérifier.</source>
            <translation>
                <numerusform>%n payment to be checked.</numerusform>
                <numerusform>%n payments to be checked.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Aujourd'hui : %n lien(s), {paid}, total encaissé {total}</source>
            <translation>
                <numerusform>Today: %n link, {paid}, total collected {total}</numerusform>
                <numerusform>Today: %n links, {paid}, total collected {total}</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>ClosingTab</name>
        <message>
            <source>Clôture</source>
            <translation>Closing</translation>
        </message>
        <message>
            <source>Journée à clôturer</source>
            <translation>Day to close</translation>
        </message>
        <message>
            <source>Caissier</source>
            <translation>Cashier</translation>
        </message>
        <message>
            <source>Toute la caisse</source>
            <translation>The whole till</translation>
        </message>
        <message>
            <source>non compté</source>
            <translation>not counted</translation>
        </message>
        <message>
            <source>Espèces comptées dans le tiroir</source>
            <translation>Cash counted in the drawer</translation>
        </message>
        <message>
            <source>Le montant compté dans le tiroir-caisse ; laisser vide pour ne pas compter</source>
            <translation>The amount counted in the cash drawer; leave empty not to count</translation>
        </message>
        <message>
            <source>Clôturer</source>
            <translation>Close the day</translation>
        </message>
        <message>
            <source>Met CinetPay à jour, rapproche le journal et enregistre une nouvelle version de la clôture</source>
            <translation>Brings CinetPay up to date, reconciles the journal and saves a new version of the closing</translation>
        </message>
        <message>
            <source>Encaissé via CinetPay</source>
            <translation>Collected via CinetPay</translation>
        </message>
        <message>
            <source>Espèces attendues</source>
            <translation>Cash expected</translation>
        </message>
        <message>
            <source>Écart de caisse</source>
            <translation>Cash difference</translation>
        </message>
        <message>
            <source>Anomalies</source>
            <translation>Anomalies</translation>
        </message>
        <message>
            <source>Rapport de clôture</source>
            <translation>Closing report</translation>
        </message>
        <message>
            <source>Versions de la journée</source>
            <translation>Versions of the day</translation>
        </message>
        <message>
            <source>Enregistrer le PDF…</source>
            <translation>Save as PDF…</translation>
        </message>
        <message>
            <source>Imprimer…</source>
            <translation>Print…</translation>
        </message>
        <message>
            <source>Journée</source>
            <translation>Day</translation>
        </message>
        <message>
            <source>Espèces comptées</source>
            <translation>Cash counted</translation>
        </message>
        <message>
            <source>Clôture provisoire : CinetPay n'a pas pu être joint. Refaites-la une fois en ligne.</source>
            <translation>Provisional closing: CinetPay could not be reached. Close again once online.</translation>
        </message>
        <message>
            <source>Journée clôturée (version {v}).</source>
            <translation>Day closed (version {v}).</translation>
        </message>
        <message>
            <source>Mise à jour avec CinetPay, puis rapprochement du journal…</source>
            <translation>Bringing CinetPay up to date, then reconciling the journal…</translation>
        </message>
        <message>
            <source>Pas encore clôturée</source>
            <translation>Not closed yet</translation>
        </message>
        <message>
            <source>toute la caisse</source>
            <translation>the whole till</translation>
        </message>
        <message>
            <source>v{n} · {when} · {who}</source>
            <translation>v{n} · {when} · {who}</translation>
        </message>
        <message>
            <source>provisoire</source>
            <translation>provisional</translation>
        </message>
        <message>
            <source>Choisissez la journée, comptez le tiroir-caisse, puis « Clôturer ».</source>
            <translation>Choose the day, count the cash drawer, then “Close the day”.</translation>
        </message>
        <message>
            <source>CLÔTURE PROVISOIRE : CinetPay n'a pas pu être joint, les paiements ne sont pas tous confirmés. Refaites la clôture une fois en ligne.</source>
            <translation>PROVISIONAL CLOSING: CinetPay could not be reached, not every payment is confirmed. Close the day again once online.</translation>
        </message>
        <message>
            <source>Version {v} du {when} · {n} lien(s) vérifié(s) avec CinetPay</source>
            <translation>Version {v} of {when} · {n} link(s) checked with CinetPay</translation>
        </message>
        <message numerus="yes">
            <source>%n paiement(s)</source>
            <translation>
                <numerusform>%n payment</numerusform>
                <numerusform>%n payments</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n vente(s) en espèces</source>
            <translation>
                <numerusform>%n cash sale</numerusform>
                <numerusform>%n cash sales</numerusform>
            </translation>
        </message>
        <message>
            <source>Saisissez les espèces comptées puis clôturez à nouveau</source>
            <translation>Type the cash counted, then close again</translation>
        </message>
        <message>
            <source>Caisse juste</source>
            <translation>Till balanced</translation>
        </message>
        <message>
            <source>Manquant</source>
            <translation>Missing</translation>
        </message>
        <message>
            <source>En trop</source>
            <translation>Over</translation>
        </message>
        <message>
            <source>Compté : {amount}</source>
            <translation>Counted: {amount}</translation>
        </message>
        <message numerus="yes">
            <source>%n paiement(s) hors caisse</source>
            <translation>
                <numerusform>%n payment outside the till</numerusform>
                <numerusform>%n payments outside the till</numerusform>
            </translation>
        </message>
        <message>
            <source>Le journal et CinetPay sont d'accord</source>
            <translation>The journal and CinetPay agree</translation>
        </message>
        <message>
            <source>Voir « À faire » dans le rapport</source>
            <translation>See “To do” in the report</translation>
        </message>
        <message>
            <source>cloture-{day}-v{v}.pdf</source>
            <translation>closing-{day}-v{v}.pdf</translation>
        </message>
        <message>
            <source>Enregistrer le rapport de clôture</source>
            <translation>Save the closing report</translation>
        </message>
        <message>
            <source>PDF (*.pdf)</source>
            <translation>PDF (*.pdf)</translation>
        </message>
        <message>
            <source>Le PDF n'a pas pu être enregistré : {error}</source>
            <translation>The PDF could not be saved: {error}</translation>
        </message>
        <message>
            <source>Rapport enregistré : {path}</source>
            <translation>Report saved: {path}</translation>
        </message>
        <message>
            <source>Imprimer le rapport de clôture</source>
            <translation>Print the closing report</translation>
        </message>
        <message>
            <source>L'impression n'a pas pu démarrer.</source>
            <translation>Printing could not start.</translation>
        </message>
    </context>
    <context>
        <name>ConfirmTransferDialog</name>
        <message>
            <source>Confirmer le transfert</source>
            <translation>Confirm the transfer</translation>
        </message>
        <message>
            <source>Confirmer les transferts</source>
            <translation>Confirm the transfers</translation>
        </message>
        <message>
            <source>Vous allez envoyer :</source>
            <translation>You are about to send:</translation>
        </message>
        <message>
            <source>Montant</source>
            <translation>Amount</translation>
        </message>
        <message>
            <source>À</source>
            <translation>To</translation>
        </message>
        <message>
            <source>(sans nom)</source>
            <translation>(no name)</translation>
        </message>
        <message>
            <source>Numéro</source>
            <translation>Number</translation>
        </message>
        <message>
            <source>Moyen de paiement</source>
            <translation>Payment method</translation>
        </message>
        <message>
            <source>Pays</source>
            <translation>Country</translation>
        </message>
        <message>
            <source>Vous allez envoyer {n} transferts, pour un total de :</source>
            <translation>You are about to send {n} transfers, for a total of:</translation>
        </message>
        <message numerus="yes">
            <source>… et %n autre(s)</source>
            <translation>
                <numerusform>… and %n other</numerusform>
                <numerusform>… and %n others</numerusform>
            </translation>
        </message>
        <message>
            <source>Code &amp;gérant</source>
            <translation>&amp;Manager code</translation>
        </message>
        <message>
            <source>Saisissez le code gérant</source>
            <translation>Enter the manager code</translation>
        </message>
        <message>
            <source>Code gérant incorrect : essai {n} sur {m}</source>
            <translation>Wrong manager code: attempt {n} of {m}</translation>
        </message>
        <message>
            <source>Trop de codes erronés : réessayez dans {seconds} s. Rien n'a été envoyé.</source>
            <translation>Too many wrong codes: try again in {seconds} s. Nothing was sent.</translation>
        </message>
        <message>
            <source>Le code gérant ne peut pas être vérifié (coffre du système illisible ou code effacé) : rien n'a été envoyé. Le gérant le réinitialise dans Réglages.</source>
            <translation>The manager code cannot be checked (system keyring unreadable or code erased): nothing was sent. The manager resets it in Settings.</translation>
        </message>
        <message>
            <source>Cet argent quitte le compte : vérifiez le numéro.</source>
            <translation>This money leaves the account: check the number.</translation>
        </message>
        <message>
            <source>Il restera {amount}</source>
            <translation>{amount} will remain</translation>
        </message>
        <message>
            <source>Le total dépasse le solde disponible ({amount})</source>
            <translation>The total is above the available balance ({amount})</translation>
        </message>
        <message>
            <source>(d'après le solde {when})</source>
            <translation>(from the balance {when})</translation>
        </message>
        <message>
            <source>Je confirme : envoyer &amp;quand même</source>
            <translation>I confirm: send it &amp;anyway</translation>
        </message>
        <message>
            <source>Envoyer</source>
            <translation>Send</translation>
        </message>
        <message>
            <source>Annuler</source>
            <translation>Cancel</translation>
        </message>
    </context>
    <context>
        <name>ContactChooser</name>
        <message>
            <source>Aucun contact utilisable : ajoutez-en dans l'onglet Contacts (ou actualisez la liste avec F5 dans cet onglet).</source>
            <translation>No usable contact: add some in the Contacts tab (or refresh the list with F5 in that tab).</translation>
        </message>
        <message numerus="yes">
            <source>Un transfert ne peut aller qu'à un contact enregistré chez CinetPay (%n disponible(s)).</source>
            <translation>
                <numerusform>A transfer can only go to a contact registered with CinetPay (%n available).</numerusform>
                <numerusform>A transfer can only go to a contact registered with CinetPay (%n available).</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n contact(s) en attente du réseau pas encore utilisable(s).</source>
            <translation>
                <numerusform>%n contact waiting for the network, not usable yet.</numerusform>
                <numerusform>%n contacts waiting for the network, not usable yet.</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>ContactDialog</name>
        <message>
            <source>Ajouter un contact</source>
            <translation>Add a contact</translation>
        </message>
        <message>
            <source>ex. 07 07 07 07 07</source>
            <translation>e.g. 07 07 07 07 07</translation>
        </message>
        <message>
            <source>facultatif</source>
            <translation>optional</translation>
        </message>
        <message>
            <source>&amp;Pays</source>
            <translation>&amp;Country</translation>
        </message>
        <message>
            <source>&amp;Téléphone</source>
            <translation>P&amp;hone</translation>
        </message>
        <message>
            <source>&amp;Nom</source>
            <translation>&amp;Last name</translation>
        </message>
        <message>
            <source>P&amp;rénom</source>
            <translation>&amp;First name</translation>
        </message>
        <message>
            <source>&amp;E-mail</source>
            <translation>&amp;Email</translation>
        </message>
        <message>
            <source>Ajouter</source>
            <translation>Add</translation>
        </message>
        <message>
            <source>Annuler</source>
            <translation>Cancel</translation>
        </message>
    </context>
    <context>
        <name>ContactWording</name>
        <message>
            <source>Enregistré chez CinetPay</source>
            <translation>Registered with CinetPay</translation>
        </message>
        <message>
            <source>En attente du réseau</source>
            <translation>Waiting for the network</translation>
        </message>
        <message>
            <source>Envoi…</source>
            <translation>Sending…</translation>
        </message>
        <message>
            <source>Vérification…</source>
            <translation>Checking…</translation>
        </message>
        <message>
            <source>Refusé : {why}</source>
            <translation>Refused: {why}</translation>
        </message>
        <message>
            <source>Contact ajouté chez CinetPay : {who}</source>
            <translation>Contact added at CinetPay: {who}</translation>
        </message>
        <message>
            <source>Hors ligne : {who} est enregistré ici et sera ajouté chez CinetPay dès le retour du réseau.</source>
            <translation>Offline: {who} is saved here and will be added at CinetPay as soon as the network is back.</translation>
        </message>
        <message>
            <source>Réponse perdue : Comptoir vérifie si {who} a bien été ajouté.</source>
            <translation>Answer lost: Comptoir is checking whether {who} was added.</translation>
        </message>
        <message>
            <source>Contact refusé par CinetPay : {why}</source>
            <translation>Contact refused by CinetPay: {why}</translation>
        </message>
        <message>
            <source>Ajouté</source>
            <translation>Added</translation>
        </message>
    </context>
    <context>
        <name>ContactsImport</name>
        <message>
            <source>Importer des contacts</source>
            <translation>Import contacts</translation>
        </message>
        <message>
            <source>Envoi à CinetPay…</source>
            <translation>Sending to CinetPay…</translation>
        </message>
        <message numerus="yes">
            <source>%n ajouté(s), {waiting} en attente du réseau, {refused}, {bad}.</source>
            <translation>
                <numerusform>%n added, {waiting} waiting for the network, {refused}, {bad}.</numerusform>
                <numerusform>%n added, {waiting} waiting for the network, {refused}, {bad}.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n refusé(s)</source>
            <translation>
                <numerusform>%n refused</numerusform>
                <numerusform>%n refused</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n ligne(s) en erreur non envoyée(s)</source>
            <translation>
                <numerusform>%n invalid line not sent</numerusform>
                <numerusform>%n invalid lines not sent</numerusform>
            </translation>
        </message>
        <message>
            <source>Import des contacts : {summary}</source>
            <translation>Contact import: {summary}</translation>
        </message>
    </context>
    <context>
        <name>ContactsModel</name>
        <message>
            <source>Nom</source>
            <translation>Last name</translation>
        </message>
        <message>
            <source>Prénom</source>
            <translation>First name</translation>
        </message>
        <message>
            <source>Téléphone</source>
            <translation>Phone</translation>
        </message>
        <message>
            <source>Pays</source>
            <translation>Country</translation>
        </message>
        <message>
            <source>E-mail</source>
            <translation>Email</translation>
        </message>
        <message>
            <source>État</source>
            <translation>Status</translation>
        </message>
    </context>
    <context>
        <name>ContactsTab</name>
        <message>
            <source>Contacts</source>
            <translation>Contacts</translation>
        </message>
        <message>
            <source>Rechercher un nom, un numéro, un e-mail… (Ctrl+F)</source>
            <translation>Search by name, number, email… (Ctrl+F)</translation>
        </message>
        <message>
            <source>Rechercher un contact</source>
            <translation>Search contacts</translation>
        </message>
        <message>
            <source>&amp;Ajouter un contact…</source>
            <translation>&amp;Add a contact…</translation>
        </message>
        <message>
            <source>&amp;Importer un CSV…</source>
            <translation>&amp;Import a CSV…</translation>
        </message>
        <message>
            <source>Actualiser depuis CinetPay (F5)</source>
            <translation>Refresh from CinetPay (F5)</translation>
        </message>
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
                <numerusform>{shown} of %n contact</numerusform>
                <numerusform>{shown} of %n contacts</numerusform>
            </translation>
        </message>
        <message>
            <source>liste CinetPay {when}</source>
            <translation>CinetPay list {when}</translation>
        </message>
        <message>
            <source>hors ligne</source>
            <translation>offline</translation>
        </message>
        <message>
            <source>{n} en attente du réseau</source>
            <translation>{n} waiting for the network</translation>
        </message>
        <message>
            <source>Liste des contacts actualisée : {n} chez CinetPay</source>
            <translation>Contact list refreshed: {n} at CinetPay</translation>
        </message>
        <message>
            <source>Hors ligne : la liste affichée est celle {when}.</source>
            <translation>Offline: showing the list {when}.</translation>
        </message>
    </context>
    <context>
        <name>CredentialsForm</name>
        <message>
            <source>ex. 445160</source>
            <translation>e.g. 445160</translation>
        </message>
        <message>
            <source>clé API du back-office CinetPay</source>
            <translation>API key from the CinetPay back-office</translation>
        </message>
        <message>
            <source>facultatif : pour les transferts</source>
            <translation>optional: for transfers</translation>
        </message>
        <message>
            <source>mot de passe API (api_password)</source>
            <translation>API password (api_password)</translation>
        </message>
        <message>
            <source>Afficher la clé et le mot de passe</source>
            <translation>Show the key and the password</translation>
        </message>
        <message>
            <source>&amp;Site ID</source>
            <translation>&amp;Site ID</translation>
        </message>
        <message>
            <source>Clé &amp;API</source>
            <translation>&amp;API key</translation>
        </message>
        <message>
            <source>&amp;Mot de passe de transfert</source>
            <translation>Transfer &amp;password</translation>
        </message>
        <message>
            <source>Mot de passe A&amp;PI</source>
            <translation>A&amp;PI password</translation>
        </message>
        <message>
            <source>Pa&amp;ys du compte</source>
            <translation>Account &amp;country</translation>
        </message>
        <message>
            <source>Indiquez le mot de passe API (back-office CinetPay, rubrique Intégrations).</source>
            <translation>Enter the API password (CinetPay back office, Integrations section).</translation>
        </message>
        <message>
            <source>Indiquez le site ID (back-office CinetPay, rubrique Intégrations).</source>
            <translation>Enter the site ID (CinetPay back-office, Integrations section).</translation>
        </message>
        <message>
            <source>Le site ID ne contient pas d'espace.</source>
            <translation>The site ID contains no spaces.</translation>
        </message>
        <message>
            <source>CinetPay refuse cette clé API ou ce mot de passe API : {error}</source>
            <translation>CinetPay refuses this API key or API password: {error}</translation>
        </message>
        <message>
            <source>Indiquez la clé API.</source>
            <translation>Enter the API key.</translation>
        </message>
        <message>
            <source>CinetPay refuse cette clé API ou ce site ID : {error}</source>
            <translation>CinetPay refuses this API key or site ID: {error}</translation>
        </message>
        <message>
            <source>CinetPay refuse ce mot de passe de transfert : {error}</source>
            <translation>CinetPay refuses this transfer password: {error}</translation>
        </message>
    </context>
    <context>
        <name>CustomerWindow</name>
        <message>
            <source>Comptoir : paiement</source>
            <translation>Comptoir: payment</translation>
        </message>
        <message>
            <source>F11 : plein écran · Échap : fermer</source>
            <translation>F11: full screen · Esc: close</translation>
        </message>
        <message>
            <source>Bienvenue</source>
            <translation>Welcome</translation>
        </message>
        <message>
            <source>Paiement</source>
            <translation>Payment</translation>
        </message>
    </context>
    <context>
        <name>DashboardTab</name>
        <message>
            <source>Actualiser (F5)</source>
            <translation>Refresh (F5)</translation>
        </message>
        <message>
            <source>Demander les soldes et l'historique à CinetPay</source>
            <translation>Ask CinetPay for the balances and the history</translation>
        </message>
        <message>
            <source>Montants encaissés par jour</source>
            <translation>Amounts collected per day</translation>
        </message>
        <message>
            <source>Encaissements par opérateur</source>
            <translation>Payments by operator</translation>
        </message>
        <message>
            <source>Transactions par statut</source>
            <translation>Transactions by status</translation>
        </message>
        <message>
            <source>Payé par opérateur ({n} jours)</source>
            <translation>Paid by operator ({n} days)</translation>
        </message>
        <message>
            <source>Transactions par statut ({n} jours)</source>
            <translation>Transactions by status ({n} days)</translation>
        </message>
        <message>
            <source>Tableau de bord</source>
            <translation>Dashboard</translation>
        </message>
        <message>
            <source>Historique tiré du journal de Comptoir (la nouvelle plateforme CinetPay n'en fournit pas)</source>
            <translation>History taken from Comptoir's journal (CinetPay's new platform provides none)</translation>
        </message>
        <message>
            <source>{text} · hors ligne</source>
            <translation>{text} · offline</translation>
        </message>
        <message>
            <source>Payé</source>
            <translation>Paid</translation>
        </message>
        <message>
            <source>Refusé</source>
            <translation>Refused</translation>
        </message>
        <message>
            <source>En attente</source>
            <translation>Pending</translation>
        </message>
        <message>
            <source>À vérifier</source>
            <translation>To check</translation>
        </message>
        <message>
            <source>Vérification</source>
            <translation>Check</translation>
        </message>
        <message>
            <source>Création</source>
            <translation>Creating</translation>
        </message>
        <message>
            <source>Non créé</source>
            <translation>Not created</translation>
        </message>
        <message>
            <source>Sans adresse</source>
            <translation>No address</translation>
        </message>
        <message>
            <source>Annulé</source>
            <translation>Cancelled</translation>
        </message>
        <message>
            <source>Expiré</source>
            <translation>Expired</translation>
        </message>
        <message>
            <source>Payé par moyen de paiement ({n} jours)</source>
            <translation>Paid by payment method ({n} days)</translation>
        </message>
        <message>
            <source>(inconnu)</source>
            <translation>(unknown)</translation>
        </message>
        <message>
            <source>Liens par statut ({n} jours)</source>
            <translation>Links by status ({n} days)</translation>
        </message>
        <message>
            <source>Aucun lien de paiement</source>
            <translation>No payment link</translation>
        </message>
        <message>
            <source>Encaissé par jour ({n} derniers jours)</source>
            <translation>Collected per day (last {n} days)</translation>
        </message>
        <message>
            <source>Chargement…</source>
            <translation>Loading…</translation>
        </message>
        <message>
            <source>Historique {when}</source>
            <translation>History {when}</translation>
        </message>
        <message>
            <source>Encaissé par jour ({n} derniers jours) : {total}</source>
            <translation>Collected per day (last {n} days): {total}</translation>
        </message>
        <message>
            <source>Aucun encaissement sur la période</source>
            <translation>Nothing collected in this period</translation>
        </message>
        <message>
            <source>Aucun paiement reçu</source>
            <translation>No payment received</translation>
        </message>
        <message>
            <source>Aucune transaction</source>
            <translation>No transactions</translation>
        </message>
    </context>
    <context>
        <name>DataPage</name>
        <message>
            <source>Données</source>
            <translation>Data</translation>
        </message>
        <message>
            <source>Ouvrir le dossier</source>
            <translation>Open the folder</translation>
        </message>
        <message>
            <source>Journal des opérations, caches et journaux d'erreurs (sous-dossier logs). Les identifiants n'y sont jamais écrits.</source>
            <translation>Operations journal, caches and error logs (logs subfolder). Credentials are never written there.</translation>
        </message>
        <message>
            <source>Comptoir {version}</source>
            <translation>Comptoir {version}</translation>
        </message>
    </context>
    <context>
        <name>DayPanel</name>
        <message>
            <source>La journée par caissier</source>
            <translation>The day per cashier</translation>
        </message>
        <message>
            <source>Caissier</source>
            <translation>Cashier</translation>
        </message>
        <message>
            <source>Liens payés</source>
            <translation>Paid links</translation>
        </message>
        <message>
            <source>Ventes en espèces</source>
            <translation>Cash sales</translation>
        </message>
        <message>
            <source>Total</source>
            <translation>Total</translation>
        </message>
        <message>
            <source>Aucune vente aujourd'hui</source>
            <translation>No sale today</translation>
        </message>
        <message>
            <source>Anomalies à traiter</source>
            <translation>Anomalies to deal with</translation>
        </message>
        <message>
            <source>(sans caissier)</source>
            <translation>(no cashier)</translation>
        </message>
        <message>
            <source>{count} · {amount}</source>
            <translation>{count} · {amount}</translation>
        </message>
        <message>
            <source>Pas encore de clôture : les anomalies apparaissent après « Clôturer ».</source>
            <translation>No closing yet: anomalies appear after “Close the day”.</translation>
        </message>
        <message>
            <source>D'après la clôture du {day} (version {v})</source>
            <translation>From the closing of {day} (version {v})</translation>
        </message>
        <message>
            <source>Aucune anomalie : le journal et CinetPay sont d'accord</source>
            <translation>No anomaly: the journal and CinetPay agree</translation>
        </message>
        <message>
            <source>À faire : {action}</source>
            <translation>To do: {action}</translation>
        </message>
    </context>
    <context>
        <name>HistoryDetail</name>
        <message>
            <source>Détail</source>
            <translation>Details</translation>
        </message>
        <message>
            <source>Sélectionnez une transaction pour voir son détail.</source>
            <translation>Select a transaction to see its details.</translation>
        </message>
        <message>
            <source>Copier pour le support</source>
            <translation>Copy for support</translation>
        </message>
        <message>
            <source>Copie tous les champs de la transaction (Ctrl+C)</source>
            <translation>Copies every field of the transaction (Ctrl+C)</translation>
        </message>
        <message>
            <source>Imprimer le reçu</source>
            <translation>Print the receipt</translation>
        </message>
        <message>
            <source>N° de transaction</source>
            <translation>Transaction ID</translation>
        </message>
        <message>
            <source>Date</source>
            <translation>Date</translation>
        </message>
        <message>
            <source>Montant</source>
            <translation>Amount</translation>
        </message>
        <message>
            <source>Statut</source>
            <translation>Status</translation>
        </message>
        <message>
            <source>Code CinetPay</source>
            <translation>CinetPay code</translation>
        </message>
        <message>
            <source>Opérateur</source>
            <translation>Operator</translation>
        </message>
        <message>
            <source>Téléphone</source>
            <translation>Phone</translation>
        </message>
        <message>
            <source>PayID</source>
            <translation>PayID</translation>
        </message>
        <message>
            <source>Description</source>
            <translation>Description</translation>
        </message>
        <message>
            <source>Client</source>
            <translation>Customer</translation>
        </message>
        <message>
            <source>Référence interne</source>
            <translation>Internal reference</translation>
        </message>
        <message>
            <source>Créée le</source>
            <translation>Created</translation>
        </message>
        <message>
            <source>Mise à jour le</source>
            <translation>Updated</translation>
        </message>
        <message>
            <source>Récupérée le</source>
            <translation>Fetched</translation>
        </message>
        <message>
            <source>non payé</source>
            <translation>not paid</translation>
        </message>
        <message>
            <source>Réimprimer le reçu (DUPLICATA)</source>
            <translation>Print the receipt again (DUPLICATA)</translation>
        </message>
        <message>
            <source>Comptoir — transaction CinetPay</source>
            <translation>Comptoir — CinetPay transaction</translation>
        </message>
        <message>
            <source>Détail de la transaction {id} copié : collez-le dans votre message au support.</source>
            <translation>Details of transaction {id} copied: paste them into your message to support.</translation>
        </message>
    </context>
    <context>
        <name>HistoryFilters</name>
        <message>
            <source>Tout</source>
            <translation>All</translation>
        </message>
        <message>
            <source>Aujourd'hui</source>
            <translation>Today</translation>
        </message>
        <message>
            <source>7 derniers jours</source>
            <translation>Last 7 days</translation>
        </message>
        <message>
            <source>30 derniers jours</source>
            <translation>Last 30 days</translation>
        </message>
        <message>
            <source>Ce mois-ci</source>
            <translation>This month</translation>
        </message>
        <message>
            <source>Personnalisée</source>
            <translation>Custom</translation>
        </message>
        <message>
            <source>Du</source>
            <translation>From</translation>
        </message>
        <message>
            <source>Au</source>
            <translation>To</translation>
        </message>
        <message>
            <source>ex. 0701020304</source>
            <translation>e.g. 0701020304</translation>
        </message>
        <message>
            <source>identifiant exact</source>
            <translation>exact ID</translation>
        </message>
        <message>
            <source>Rechercher (client, description, n°…)  Ctrl+F</source>
            <translation>Search (customer, description, ID…)  Ctrl+F</translation>
        </message>
        <message>
            <source>Effacer les filtres</source>
            <translation>Clear filters</translation>
        </message>
        <message>
            <source>&amp;Période</source>
            <translation>&amp;Period</translation>
        </message>
        <message>
            <source>&amp;du</source>
            <translation>&amp;from</translation>
        </message>
        <message>
            <source>a&amp;u</source>
            <translation>&amp;to</translation>
        </message>
        <message>
            <source>&amp;Statut</source>
            <translation>&amp;Status</translation>
        </message>
        <message>
            <source>&amp;Opérateur</source>
            <translation>&amp;Operator</translation>
        </message>
        <message>
            <source>&amp;Téléphone</source>
            <translation>P&amp;hone</translation>
        </message>
        <message>
            <source>&amp;N° trans.</source>
            <translation>Transaction &amp;ID</translation>
        </message>
        <message>
            <source>Tous les statuts</source>
            <translation>All statuses</translation>
        </message>
        <message>
            <source>Tous les opérateurs</source>
            <translation>All operators</translation>
        </message>
        <message>
            <source>Téléphone : chiffres uniquement (ex. 0701020304).</source>
            <translation>Phone: digits only (e.g. 0701020304).</translation>
        </message>
        <message>
            <source>Période : la date de début est après la date de fin.</source>
            <translation>Period: the start date is after the end date.</translation>
        </message>
    </context>
    <context>
        <name>HistoryModel</name>
        <message>
            <source>Date</source>
            <translation>Date</translation>
        </message>
        <message>
            <source>Montant</source>
            <translation>Amount</translation>
        </message>
        <message>
            <source>Statut</source>
            <translation>Status</translation>
        </message>
        <message>
            <source>Opérateur</source>
            <translation>Operator</translation>
        </message>
        <message>
            <source>Téléphone</source>
            <translation>Phone</translation>
        </message>
        <message>
            <source>Client</source>
            <translation>Customer</translation>
        </message>
        <message>
            <source>Description</source>
            <translation>Description</translation>
        </message>
        <message>
            <source>N° de transaction</source>
            <translation>Transaction ID</translation>
        </message>
        <message>
            <source>non payé</source>
            <translation>not paid</translation>
        </message>
    </context>
    <context>
        <name>HistoryTab</name>
        <message>
            <source>Actualiser (F5)</source>
            <translation>Refresh (F5)</translation>
        </message>
        <message>
            <source>Demander à CinetPay l'historique de la période</source>
            <translation>Ask CinetPay for the history of the period</translation>
        </message>
        <message>
            <source>Exporter en CSV…</source>
            <translation>Export as CSV…</translation>
        </message>
        <message>
            <source>Exporte exactement les lignes affichées, dans cet ordre</source>
            <translation>Exports exactly the rows shown, in this order</translation>
        </message>
        <message>
            <source>Chargement…</source>
            <translation>Loading…</translation>
        </message>
        <message>
            <source>Historique</source>
            <translation>History</translation>
        </message>
        <message>
            <source>Historique {when}</source>
            <translation>History {when}</translation>
        </message>
        <message>
            <source>{text} · hors ligne</source>
            <translation>{text} · offline</translation>
        </message>
        <message numerus="yes">
            <source>{text} · %n ligne(s) illisible(s)</source>
            <translation>
                <numerusform>{text} · %n unreadable row</numerusform>
                <numerusform>{text} · %n unreadable rows</numerusform>
            </translation>
        </message>
        <message>
            <source>Des lignes de la réponse de CinetPay n'ont pas pu être lues : elles sont ignorées (montant illisible, sans identifiant) ou affichées sans le champ illisible.</source>
            <translation>Some rows of CinetPay's answer could not be read: they are skipped (unreadable amount, no identifier) or shown without the unreadable field.</translation>
        </message>
        <message numerus="yes">
            <source>%n transaction(s)</source>
            <translation>
                <numerusform>%n transaction</numerusform>
                <numerusform>%n transactions</numerusform>
            </translation>
        </message>
        <message>
            <source>Payé : {n} pour {amount}</source>
            <translation>Paid: {n} for {amount}</translation>
        </message>
        <message>
            <source>historique-{stamp}.csv</source>
            <translation>history-{stamp}.csv</translation>
        </message>
        <message>
            <source>Exporter l'historique affiché</source>
            <translation>Export the history shown</translation>
        </message>
        <message>
            <source>Fichiers CSV (*.csv)</source>
            <translation>CSV files (*.csv)</translation>
        </message>
        <message numerus="yes">
            <source>%n ligne(s) exportée(s) vers {path}</source>
            <translation>
                <numerusform>%n row exported to {path}</numerusform>
                <numerusform>%n rows exported to {path}</numerusform>
            </translation>
        </message>
    </context>
    <context>
        <name>ImportDialog</name>
        <message>
            <source>Importer des contacts</source>
            <translation>Import contacts</translation>
        </message>
        <message>
            <source>Transferts par lot</source>
            <translation>Batch transfers</translation>
        </message>
        <message numerus="yes">
            <source>{file} : %n ligne(s), {good}, {bad} en erreur.</source>
            <translation>
                <numerusform>{file}: %n line, {good}, {bad} invalid.</numerusform>
                <numerusform>{file}: %n lines, {good}, {bad} invalid.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n correcte(s)</source>
            <translation>
                <numerusform>%n valid</numerusform>
                <numerusform>%n valid</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Importer %n contact(s)</source>
            <translation>
                <numerusform>Import %n contact</numerusform>
                <numerusform>Import %n contacts</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>Envoyer %n transfert(s) : {total}</source>
            <translation>
                <numerusform>Send %n transfer: {total}</numerusform>
                <numerusform>Send %n transfers: {total}</numerusform>
            </translation>
        </message>
        <message>
            <source>Les lignes en erreur ne seront pas envoyées.</source>
            <translation>Invalid lines will not be sent.</translation>
        </message>
        <message>
            <source>Rien n'est envoyé avant votre confirmation.</source>
            <translation>Nothing is sent until you confirm.</translation>
        </message>
        <message>
            <source>Annuler</source>
            <translation>Cancel</translation>
        </message>
        <message>
            <source>Fermer</source>
            <translation>Close</translation>
        </message>
    </context>
    <context>
        <name>ImportLinesModel</name>
        <message>
            <source>Ligne</source>
            <translation>Line</translation>
        </message>
        <message>
            <source>Pays</source>
            <translation>Country</translation>
        </message>
        <message>
            <source>Téléphone</source>
            <translation>Phone</translation>
        </message>
        <message>
            <source>Nom</source>
            <translation>Last name</translation>
        </message>
        <message>
            <source>Prénom</source>
            <translation>First name</translation>
        </message>
        <message>
            <source>E-mail</source>
            <translation>Email</translation>
        </message>
        <message>
            <source>Montant</source>
            <translation>Amount</translation>
        </message>
        <message>
            <source>Vérification</source>
            <translation>Check</translation>
        </message>
        <message>
            <source>Moyen de paiement</source>
            <translation>Payment method</translation>
        </message>
        <message>
            <source>Résultat</source>
            <translation>Result</translation>
        </message>
        <message>
            <source>OK</source>
            <translation>OK</translation>
        </message>
        <message>
            <source>Non envoyée</source>
            <translation>Not sent</translation>
        </message>
    </context>
    <context>
        <name>JournalLinksModel</name>
        <message>
            <source>Date</source>
            <translation>Date</translation>
        </message>
    </context>
    <context>
        <name>JournalView</name>
        <message>
            <source>Historique tiré du journal de Comptoir (la nouvelle plateforme CinetPay n'en fournit pas) : les liens de paiement créés ici.</source>
            <translation>History taken from Comptoir's journal (CinetPay's new platform provides none): the payment links created here.</translation>
        </message>
        <message>
            <source>Liens de paiement du journal</source>
            <translation>The journal's payment links</translation>
        </message>
        <message numerus="yes">
            <source>%n lien(s)</source>
            <translation>
                <numerusform>%n link</numerusform>
                <numerusform>%n links</numerusform>
            </translation>
        </message>
        <message>
            <source>Payé : {n} pour {amount}</source>
            <translation>Paid: {n} for {amount}</translation>
        </message>
    </context>
    <context>
        <name>LanguagePage</name>
        <message>
            <source>Langue</source>
            <translation>Language</translation>
        </message>
        <message>
            <source>Appliquer</source>
            <translation>Apply</translation>
        </message>
        <message>
            <source>Les écrans sont rechargés aussitôt dans la langue choisie (après la fin des opérations en cours).</source>
            <translation>The screens are reloaded at once in the chosen language (once the operations in progress have finished).</translation>
        </message>
        <message>
            <source>Langue enregistrée.</source>
            <translation>Language saved.</translation>
        </message>
    </context>
    <context>
        <name>LinkStatus</name>
        <message>
            <source>motif non précisé</source>
            <translation>no reason given</translation>
        </message>
    </context>
    <context>
        <name>LinkWording</name>
        <message>
            <source>Merci de patienter</source>
            <translation>Please wait</translation>
        </message>
        <message>
            <source>Payé par {who}</source>
            <translation>Paid by {who}</translation>
        </message>
        <message>
            <source>Paiement tardif : reçu après la fin du lien.</source>
            <translation>Late payment: received after the link ended.</translation>
        </message>
        <message>
            <source>Paiement reçu</source>
            <translation>Payment received</translation>
        </message>
        <message>
            <source>Merci !</source>
            <translation>Thank you!</translation>
        </message>
        <message>
            <source>Paiement à vérifier</source>
            <translation>Payment to be checked</translation>
        </message>
        <message>
            <source>Paiement en cours de vérification</source>
            <translation>Payment being checked</translation>
        </message>
        <message>
            <source>Paiement refusé</source>
            <translation>Payment refused</translation>
        </message>
        <message>
            <source>CinetPay ne connaît pas ce lien : il n'a jamais été créé.</source>
            <translation>CinetPay does not know this link: it was never created.</translation>
        </message>
        <message>
            <source>Créez un nouveau lien.</source>
            <translation>Create a new link.</translation>
        </message>
        <message>
            <source>Lien non créé</source>
            <translation>Link not created</translation>
        </message>
        <message>
            <source>Paiement indisponible</source>
            <translation>Payment unavailable</translation>
        </message>
        <message>
            <source>Réponse perdue : vérification en cours</source>
            <translation>Answer lost: checking</translation>
        </message>
        <message>
            <source>CinetPay n'a pas répondu à temps. Comptoir vérifie si le lien existe ; il ne sera pas créé deux fois.</source>
            <translation>CinetPay did not answer in time. Comptoir is checking whether the link exists; it will not be created twice.</translation>
        </message>
        <message>
            <source>Un instant…</source>
            <translation>One moment…</translation>
        </message>
        <message>
            <source>Création du lien…</source>
            <translation>Creating the link…</translation>
        </message>
        <message>
            <source>Lien inutilisable</source>
            <translation>Unusable link</translation>
        </message>
        <message>
            <source>Lien créé chez CinetPay mais son adresse est perdue : créez un nouveau lien pour ce client.</source>
            <translation>Link created at CinetPay but its address is lost: create a new link for this customer.</translation>
        </message>
        <message>
            <source>En attente du paiement du client</source>
            <translation>Waiting for the customer to pay</translation>
        </message>
        <message>
            <source>Scannez le code pour payer</source>
            <translation>Scan the code to pay</translation>
        </message>
        <message>
            <source>avec votre téléphone (mobile money, carte…)</source>
            <translation>with your phone (mobile money, card…)</translation>
        </message>
        <message>
            <source>Lien annulé</source>
            <translation>Link cancelled</translation>
        </message>
        <message>
            <source>Annulé à la caisse. CinetPay ne permet pas d'annuler un lien : sa page reste ouverte, le client ne doit pas payer. Un paiement qui arriverait quand même sera signalé.</source>
            <translation>Cancelled at the till. CinetPay cannot cancel a link: its page stays open, the customer must not pay. A payment that still arrives will be flagged.</translation>
        </message>
        <message>
            <source>Paiement annulé</source>
            <translation>Payment cancelled</translation>
        </message>
        <message>
            <source>Ne payez pas ce code. Merci !</source>
            <translation>Do not pay this code. Thank you!</translation>
        </message>
        <message>
            <source>Lien expiré</source>
            <translation>Link expired</translation>
        </message>
        <message>
            <source>Le client n'a pas payé à temps. CinetPay ne le sait pas : un paiement qui arriverait quand même sera signalé. Créez un nouveau lien si besoin.</source>
            <translation>The customer did not pay in time. CinetPay does not know it: a payment that still arrives will be flagged. Create a new link if needed.</translation>
        </message>
        <message>
            <source>Paiement expiré</source>
            <translation>Payment expired</translation>
        </message>
        <message>
            <source>Demandez un nouveau code à la caisse.</source>
            <translation>Ask the till for a new code.</translation>
        </message>
        <message>
            <source>{paid} (paiement tardif)</source>
            <translation>{paid} (late payment)</translation>
        </message>
        <message>
            <source>Vérification…</source>
            <translation>Checking…</translation>
        </message>
        <message>
            <source>Non créé</source>
            <translation>Not created</translation>
        </message>
        <message>
            <source>Sans adresse : à refaire</source>
            <translation>No address: create again</translation>
        </message>
        <message>
            <source>Création…</source>
            <translation>Creating…</translation>
        </message>
        <message>
            <source>Annulé</source>
            <translation>Cancelled</translation>
        </message>
        <message>
            <source>Expiré</source>
            <translation>Expired</translation>
        </message>
        <message>
            <source>Réponse perdue : vérification en cours. Le lien ne sera pas créé deux fois.</source>
            <translation>Answer lost: checking. The link will not be created twice.</translation>
        </message>
        <message>
            <source>Ce lien ne peut pas être montré (son adresse s'est perdue) : créez un nouveau lien pour ce client.</source>
            <translation>This link cannot be shown (its address was lost): create a new link for this customer.</translation>
        </message>
        <message>
            <source>Paiement à vérifier : {reason}. Aucun QR n'est montré ; créez un nouveau lien pour ce client.</source>
            <translation>Payment to be checked: {reason}. No QR is shown; create a new link for this customer.</translation>
        </message>
        <message>
            <source>Paiement reçu : {amount}</source>
            <translation>Payment received: {amount}</translation>
        </message>
    </context>
    <context>
        <name>LinksModel</name>
        <message>
            <source>Heure</source>
            <translation>Time</translation>
        </message>
        <message>
            <source>Caisse</source>
            <translation>Till</translation>
        </message>
        <message>
            <source>Montant</source>
            <translation>Amount</translation>
        </message>
        <message>
            <source>Statut</source>
            <translation>Status</translation>
        </message>
        <message>
            <source>Description</source>
            <translation>Description</translation>
        </message>
        <message>
            <source>Payé par</source>
            <translation>Paid by</translation>
        </message>
        <message>
            <source>Référence</source>
            <translation>Reference</translation>
        </message>
    </context>
    <context>
        <name>LinksPage</name>
        <message>
            <source>Liens de paiement</source>
            <translation>Payment links</translation>
        </message>
        <message>
            <source>franc CFA (UEMOA)</source>
            <translation>CFA franc (WAEMU)</translation>
        </message>
        <message>
            <source>franc CFA (CEMAC)</source>
            <translation>CFA franc (CEMAC)</translation>
        </message>
        <message>
            <source>franc congolais</source>
            <translation>Congolese franc</translation>
        </message>
        <message>
            <source>franc guinéen</source>
            <translation>Guinean franc</translation>
        </message>
        <message>
            <source>dollar US</source>
            <translation>US dollar</translation>
        </message>
        <message>
            <source>Annuler les modifications</source>
            <translation>Discard changes</translation>
        </message>
        <message>
            <source>Enregistrer</source>
            <translation>Save</translation>
        </message>
        <message>
            <source>CinetPay exige ces deux adresses avec chaque lien ; une caisse ne reçoit pas les notifications : mettez celles de votre site.</source>
            <translation>CinetPay requires both addresses with every link; a till cannot receive notifications: use your website's.</translation>
        </message>
        <message>
            <source>URL de &amp;notification</source>
            <translation>&amp;Notification URL</translation>
        </message>
        <message>
            <source>URL de &amp;retour</source>
            <translation>&amp;Return URL</translation>
        </message>
        <message>
            <source>&amp;Description par défaut</source>
            <translation>Default &amp;description</translation>
        </message>
        <message>
            <source>De&amp;vise par défaut</source>
            <translation>Default &amp;currency</translation>
        </message>
        <message>
            <source>Adresse invalide : elle doit commencer par https:// (ex. https://maboutique.ci/cinetpay).</source>
            <translation>Invalid address: it must start with https:// (e.g. https://myshop.ci/cinetpay).</translation>
        </message>
        <message>
            <source>La description ne peut pas être vide.</source>
            <translation>The description cannot be empty.</translation>
        </message>
        <message>
            <source>CinetPay refuse les caractères # / $ _ &amp; dans la description.</source>
            <translation>CinetPay refuses the characters # / $ _ &amp; in the description.</translation>
        </message>
        <message>
            <source>Réglages des liens de paiement enregistrés.</source>
            <translation>Payment link settings saved.</translation>
        </message>
    </context>
    <context>
        <name>LinksTable</name>
        <message>
            <source>Paiements du jour</source>
            <translation>Today's payments</translation>
        </message>
    </context>
    <context>
        <name>LockPage</name>
        <message>
            <source>Réglages protégés par le code gérant</source>
            <translation>Settings protected by the manager code</translation>
        </message>
        <message>
            <source>code gérant</source>
            <translation>manager code</translation>
        </message>
        <message>
            <source>Déverrouiller</source>
            <translation>Unlock</translation>
        </message>
        <message>
            <source>clé API CinetPay (gérant)</source>
            <translation>CinetPay API key (manager)</translation>
        </message>
        <message>
            <source>Réinitialiser le code</source>
            <translation>Reset the PIN</translation>
        </message>
        <message>
            <source>Saisissez le code pour modifier les réglages.</source>
            <translation>Enter the PIN to change the settings.</translation>
        </message>
        <message>
            <source>Code oublié ou illisible ? Le gérant le réinitialise avec la clé API CinetPay.</source>
            <translation>PIN forgotten or unreadable? The manager resets it with the CinetPay API key.</translation>
        </message>
        <message>
            <source>Saisissez le code.</source>
            <translation>Enter the PIN.</translation>
        </message>
        <message>
            <source>Clé API incorrecte : code inchangé.</source>
            <translation>Wrong API key: PIN unchanged.</translation>
        </message>
    </context>
    <context>
        <name>LookPage</name>
        <message>
            <source>Apparence</source>
            <translation>Appearance</translation>
        </message>
        <message>
            <source>Comme le système</source>
            <translation>Same as the system</translation>
        </message>
        <message>
            <source>Clair</source>
            <translation>Light</translation>
        </message>
        <message>
            <source>Sombre</source>
            <translation>Dark</translation>
        </message>
        <message>
            <source>Grand texte pour la caisse</source>
            <translation>Large text for the till</translation>
        </message>
        <message>
            <source>Son au paiement reçu et au refus</source>
            <translation>Sound when a payment is received or refused</translation>
        </message>
        <message>
            <source>Éclair plein écran au paiement reçu et au refus</source>
            <translation>Full-window flash when a payment is received or refused</translation>
        </message>
        <message>
            <source>Appliquer</source>
            <translation>Apply</translation>
        </message>
        <message>
            <source>Le thème change aussitôt ; la taille du texte recharge les écrans.</source>
            <translation>The theme changes at once; the text size reloads the screens.</translation>
        </message>
        <message>
            <source>Thème</source>
            <translation>Theme</translation>
        </message>
        <message>
            <source>Apparence enregistrée.</source>
            <translation>Appearance saved.</translation>
        </message>
    </context>
    <context>
        <name>MainWindow</name>
        <message>
            <source>Comptoir — bienvenue</source>
            <translation>Comptoir — welcome</translation>
        </message>
        <message>
            <source>Quitter</source>
            <translation>Quit</translation>
        </message>
        <message>
            <source>Comptoir — FORMATION (simulateur)</source>
            <translation>Comptoir — TRAINING (simulator)</translation>
        </message>
        <message>
            <source>CinetPay refuse les identifiants enregistrés (clé API ou site ID). Vérifiez-les dans Réglages ; les opérations en attente restent dans le journal.</source>
            <translation>CinetPay refuses the saved credentials (API key or site ID). Check them in Settings; pending operations stay in the journal.</translation>
        </message>
    </context>
    <context>
        <name>MethodCombo</name>
        <message>
            <source>— Choisir —</source>
            <translation>— Choose —</translation>
        </message>
        <message>
            <source>Moyen de paiement</source>
            <translation>Payment method</translation>
        </message>
    </context>
    <context>
        <name>MoneyOutGuard</name>
        <message>
            <source>Le code gérant ne peut pas être vérifié (coffre du système illisible ou code effacé) : les envois d'argent restent bloqués jusqu'à sa réinitialisation par le gérant (Réglages).</source>
            <translation>The manager code cannot be checked (system keyring unreadable or code erased): money transfers stay locked until the manager resets it (Settings).</translation>
        </message>
        <message>
            <source>Code gérant incorrect : transfert annulé, rien n'a été envoyé.</source>
            <translation>Wrong manager code: transfer cancelled, nothing was sent.</translation>
        </message>
        <message>
            <source>Transfert annulé : rien n'a été envoyé.</source>
            <translation>Transfer cancelled: nothing was sent.</translation>
        </message>
        <message>
            <source>Le même montant est déjà parti vers ce contact il y a moins de 15 minutes (à {time}).</source>
            <translation>The same amount already went to this contact less than 15 minutes ago (at {time}).</translation>
        </message>
        <message>
            <source>Ce lot a déjà été envoyé aujourd'hui ou hier (à {time}).</source>
            <translation>This batch was already sent in the last 24 hours (at {time}).</translation>
        </message>
        <message>
            <source>Déjà envoyé dans les dernières 24 h (même contact, même montant) : ligne(s) {lines}.</source>
            <translation>Already sent in the last 24 h (same contact, same amount): line(s) {lines}.</translation>
        </message>
        <message>
            <source>Lignes identiques dans le fichier : {lines}.</source>
            <translation>Identical lines in the file: {lines}.</translation>
        </message>
    </context>
    <context>
        <name>NetworkDetails</name>
        <message>
            <source>Synchroniser maintenant</source>
            <translation>Synchronise now</translation>
        </message>
        <message>
            <source>Ouvrir les réglages</source>
            <translation>Open settings</translation>
        </message>
    </context>
    <context>
        <name>PinPage</name>
        <message>
            <source>Code gérant</source>
            <translation>Manager code</translation>
        </message>
        <message>
            <source>Code &amp;actuel</source>
            <translation>C&amp;urrent PIN</translation>
        </message>
        <message>
            <source>Enregistrer le code</source>
            <translation>Save the PIN</translation>
        </message>
        <message>
            <source>Supprimer le code</source>
            <translation>Remove the PIN</translation>
        </message>
        <message>
            <source>No&amp;uveau code</source>
            <translation>Ne&amp;w PIN</translation>
        </message>
        <message>
            <source>&amp;Confirmer</source>
            <translation>Con&amp;firm</translation>
        </message>
        <message>
            <source>{min} à {max} chiffres. Il protège ces réglages et chaque envoi d'argent ; il est enregistré haché dans le coffre du système, jamais en clair.</source>
            <translation>{min} to {max} digits. It protects these settings and every money transfer; it is stored hashed in the system keyring, never in clear.</translation>
        </message>
        <message>
            <source>Un code gérant est défini.</source>
            <translation>A manager code is set.</translation>
        </message>
        <message>
            <source>Aucun code gérant : les réglages sont libres d'accès.</source>
            <translation>No manager code: anyone can change the settings.</translation>
        </message>
        <message>
            <source>Code gérant enregistré dans le coffre du système.</source>
            <translation>Manager code saved in the system keyring.</translation>
        </message>
        <message>
            <source>Code gérant supprimé.</source>
            <translation>Manager code removed.</translation>
        </message>
        <message>
            <source>Changer le code</source>
            <translation>Change the PIN</translation>
        </message>
        <message>
            <source>Définir le code</source>
            <translation>Set the PIN</translation>
        </message>
        <message>
            <source>Le code doit comporter {min} à {max} chiffres.</source>
            <translation>The PIN must have {min} to {max} digits.</translation>
        </message>
        <message>
            <source>Les deux saisies du nouveau code diffèrent.</source>
            <translation>The two entries of the new PIN differ.</translation>
        </message>
        <message>
            <source>Saisissez le code actuel.</source>
            <translation>Enter the current PIN.</translation>
        </message>
        <message>
            <source>Saisissez le code actuel pour le supprimer.</source>
            <translation>Enter the current PIN to remove it.</translation>
        </message>
    </context>
    <context>
        <name>PrintNotice</name>
        <message>
            <source>Réimprimer</source>
            <translation>Print again</translation>
        </message>
        <message>
            <source>Fermer</source>
            <translation>Close</translation>
        </message>
        <message>
            <source>Impression impossible : {reason}</source>
            <translation>Could not print: {reason}</translation>
        </message>
    </context>
    <context>
        <name>PrinterPage</name>
        <message>
            <source>Imprimante</source>
            <translation>Printer</translation>
        </message>
        <message>
            <source>{mm} mm</source>
            <translation>{mm} mm</translation>
        </message>
        <message>
            <source>Imprimer le QR de paiement à la création du lien</source>
            <translation>Print the payment QR when the link is created</translation>
        </message>
        <message>
            <source>Imprimer le reçu dès que le paiement est PAYÉ</source>
            <translation>Print the receipt as soon as the payment is PAID</translation>
        </message>
        <message>
            <source>Page de test</source>
            <translation>Test page</translation>
        </message>
        <message>
            <source>Annuler les modifications</source>
            <translation>Discard changes</translation>
        </message>
        <message>
            <source>Enregistrer</source>
            <translation>Save</translation>
        </message>
        <message>
            <source>Adresse : tcp://ADRESSE:9100 (réseau), usb://VID:PID, serial:///dev/ttyUSB0, system (imprimante du système) ou pdf:DOSSIER (un PDF par reçu). Vide : aucune.</source>
            <translation>Address: tcp://ADDRESS:9100 (network), usb://VID:PID, serial:///dev/ttyUSB0, system (the system's printer) or pdf:FOLDER (one PDF per receipt). Empty: none.</translation>
        </message>
        <message>
            <source>&amp;Adresse</source>
            <translation>&amp;Address</translation>
        </message>
        <message>
            <source>&amp;Largeur du papier</source>
            <translation>Paper &amp;width</translation>
        </message>
        <message>
            <source>&amp;Page de code (accents)</source>
            <translation>&amp;Code page (accents)</translation>
        </message>
        <message>
            <source>COMPTOIR_PRINTER impose l'imprimante de cette session : {uri}</source>
            <translation>COMPTOIR_PRINTER sets this session's printer: {uri}</translation>
        </message>
        <message>
            <source>Réglages de l'imprimante enregistrés.</source>
            <translation>Printer settings saved.</translation>
        </message>
        <message>
            <source>Indiquez d'abord une imprimante.</source>
            <translation>Enter a printer first.</translation>
        </message>
        <message>
            <source>Impression de la page de test…</source>
            <translation>Printing the test page…</translation>
        </message>
    </context>
    <context>
        <name>QrPanel</name>
        <message>
            <source>&amp;Vérifier</source>
            <translation>Chec&amp;k</translation>
        </message>
        <message>
            <source>Demander à CinetPay où en est ce paiement</source>
            <translation>Ask CinetPay where this payment stands</translation>
        </message>
        <message>
            <source>&amp;Copier le lien</source>
            <translation>&amp;Copy link</translation>
        </message>
        <message>
            <source>Enre&amp;gistrer…</source>
            <translation>&amp;Save…</translation>
        </message>
        <message>
            <source>Enregistrer le QR code (PNG ou SVG)</source>
            <translation>Save the QR code (PNG or SVG)</translation>
        </message>
        <message>
            <source>&amp;Imprimer…</source>
            <translation>P&amp;rint…</translation>
        </message>
        <message>
            <source>Montrer au c&amp;lient</source>
            <translation>Show c&amp;ustomer</translation>
        </message>
        <message>
            <source>Ouvrir le QR dans une fenêtre pour l'écran tourné vers le client</source>
            <translation>Open the QR in a window for the customer-facing screen</translation>
        </message>
        <message>
            <source>&amp;Annuler</source>
            <translation>Ca&amp;ncel</translation>
        </message>
        <message>
            <source>Annuler ce lien : son QR disparaît. CinetPay ne permet pas d'annuler un lien : dites au client de ne pas payer (un paiement tardif serait signalé).</source>
            <translation>Cancel this link: its QR disappears. CinetPay cannot cancel a link: tell the customer not to pay (a late payment would be flagged).</translation>
        </message>
        <message>
            <source>FORMATION : ce QR mène à la page de paiement du simulateur ; ouvrez-la pour jouer le client (payer ou refuser).</source>
            <translation>TRAINING: this QR leads to the simulator's payment page; open it to play the customer (pay or refuse).</translation>
        </message>
        <message>
            <source>Ouvrir la page de paiement</source>
            <translation>Open the payment page</translation>
        </message>
        <message>
            <source>Saisissez un montant puis Entrée :
le QR code du paiement s'affichera ici.</source>
            <translation>Enter an amount, then press Enter:
the payment QR code will appear here.</translation>
        </message>
        <message>
            <source>Vérification en cours…</source>
            <translation>Checking…</translation>
        </message>
        <message>
            <source>Pas de QR : créez un nouveau lien.</source>
            <translation>No QR: create a new link.</translation>
        </message>
        <message>
            <source>Lien copié</source>
            <translation>Link copied</translation>
        </message>
        <message>
            <source>Enregistrer le QR code</source>
            <translation>Save the QR code</translation>
        </message>
        <message>
            <source>Image PNG (*.png)</source>
            <translation>PNG image (*.png)</translation>
        </message>
        <message>
            <source>Image SVG (*.svg)</source>
            <translation>SVG image (*.svg)</translation>
        </message>
        <message>
            <source>QR code non enregistré : {why}</source>
            <translation>QR code not saved: {why}</translation>
        </message>
        <message>
            <source>QR code enregistré : {path}</source>
            <translation>QR code saved: {path}</translation>
        </message>
        <message>
            <source>Imprimer le QR code</source>
            <translation>Print the QR code</translation>
        </message>
        <message>
            <source>Scannez ce code avec votre téléphone pour payer.</source>
            <translation>Scan this code with your phone to pay.</translation>
        </message>
        <message>
            <source>Référence : {ref}</source>
            <translation>Reference: {ref}</translation>
        </message>
    </context>
    <context>
        <name>QrPrint</name>
        <message>
            <source>Impression impossible</source>
            <translation>Cannot print</translation>
        </message>
    </context>
    <context>
        <name>QrWidget</name>
        <message>
            <source>QR code du paiement</source>
            <translation>Payment QR code</translation>
        </message>
    </context>
    <context>
        <name>SettingsTab</name>
        <message>
            <source>Réglages</source>
            <translation>Settings</translation>
        </message>
        <message>
            <source>Code gérant réinitialisé : définissez-en un nouveau.</source>
            <translation>Manager code reset: set a new one.</translation>
        </message>
        <message>
            <source>Impossible d'enregistrer les réglages : {error}</source>
            <translation>Cannot save the settings: {error}</translation>
        </message>
    </context>
    <context>
        <name>ShopPage</name>
        <message>
            <source>Boutique (plusieurs caisses)</source>
            <translation>Shop (several tills)</translation>
        </message>
        <message>
            <source>gardé dans le coffre du système</source>
            <translation>kept in the system keyring</translation>
        </message>
        <message>
            <source>Tester la connexion</source>
            <translation>Test the connection</translation>
        </message>
        <message>
            <source>Enregistrer</source>
            <translation>Save</translation>
        </message>
        <message>
            <source>Base boutique</source>
            <translation>Shop database</translation>
        </message>
        <message>
            <source>Mot de passe</source>
            <translation>Password</translation>
        </message>
        <message>
            <source>Code de cette caisse</source>
            <translation>This till's code</translation>
        </message>
        <message>
            <source>Vide : cette caisse travaille seule. Avec une base boutique, chaque caisse garde son journal et y copie ses opérations ; le tableau de bord montre alors toutes les caisses.</source>
            <translation>Empty: this till works alone. With a shop database, each till keeps its journal and copies its operations there; the dashboard then shows every till.</translation>
        </message>
        <message>
            <source>COMPTOIR_SHOP_DB est défini : il l'emporte sur cette adresse.</source>
            <translation>COMPTOIR_SHOP_DB is set: it wins over this address.</translation>
        </message>
        <message>
            <source>Adresse invalide : postgresql://utilisateur@serveur/base attendu.</source>
            <translation>Invalid address: postgresql://user@server/database expected.</translation>
        </message>
        <message>
            <source>Lettres, chiffres, - et _ seulement (30 au plus), par exemple CAISSE-1.</source>
            <translation>Letters, digits, - and _ only (30 at most), for example CAISSE-1.</translation>
        </message>
        <message>
            <source>Boutique enregistrée : la session est rechargée.</source>
            <translation>Shop saved: the session is reloaded.</translation>
        </message>
        <message>
            <source>Mot de passe non gardé : aucun coffre sécurisé sur ce poste (utilisez PGPASSWORD ou ~/.pgpass).</source>
            <translation>Password not kept: no secure keyring on this computer (use PGPASSWORD or ~/.pgpass).</translation>
        </message>
        <message>
            <source>Indiquez d'abord l'adresse de la base boutique.</source>
            <translation>Enter the shop database's address first.</translation>
        </message>
        <message>
            <source>Connexion…</source>
            <translation>Connecting…</translation>
        </message>
        <message>
            <source>Échec de la connexion à {address} : {error}</source>
            <translation>Connection to {address} failed: {error}</translation>
        </message>
        <message>
            <source>Connexion réussie à {address}, base vide : lancez « comptoir-cli shop init ».</source>
            <translation>Connected to {address}, empty database: run "comptoir-cli shop init".</translation>
        </message>
        <message>
            <source>Connexion réussie à {address} (schéma version {v}).</source>
            <translation>Connected to {address} (schema version {v}).</translation>
        </message>
        <message>
            <source>Réplication : aucune base boutique pour cette session.</source>
            <translation>Replication: no shop database for this session.</translation>
        </message>
        <message>
            <source>Réplication de {till} : base pas encore prête (comptoir-cli shop init) ; {n} opération(s) à copier.</source>
            <translation>Replication of {till}: database not ready yet (comptoir-cli shop init); {n} operation(s) to copy.</translation>
        </message>
        <message>
            <source>Réplication de {till} vers {address} : connectée, {n} opération(s) à copier, dernière copie {when}.</source>
            <translation>Replication of {till} to {address}: connected, {n} operation(s) to copy, last copy {when}.</translation>
        </message>
        <message>
            <source>Réplication de {till} : base injoignable ({error}) ; {n} opération(s) copiée(s) dès son retour, la caisse continue.</source>
            <translation>Replication of {till}: database unreachable ({error}); {n} operation(s) copied once it is back, the till goes on.</translation>
        </message>
    </context>
    <context>
        <name>ShopPanel</name>
        <message>
            <source>La boutique : toutes les caisses</source>
            <translation>The shop: every till</translation>
        </message>
        <message>
            <source>Caisse</source>
            <translation>Till</translation>
        </message>
        <message>
            <source>Liens payés</source>
            <translation>Paid links</translation>
        </message>
        <message>
            <source>Ventes en espèces</source>
            <translation>Cash sales</translation>
        </message>
        <message>
            <source>Encaissé</source>
            <translation>Taken</translation>
        </message>
        <message>
            <source>En attente</source>
            <translation>Pending</translation>
        </message>
        <message>
            <source>Transferts</source>
            <translation>Transfers</translation>
        </message>
        <message>
            <source>Clôture</source>
            <translation>Closing</translation>
        </message>
        <message>
            <source>La journée par caisse</source>
            <translation>The day per till</translation>
        </message>
        <message>
            <source>Heure</source>
            <translation>Time</translation>
        </message>
        <message>
            <source>Caissier</source>
            <translation>Cashier</translation>
        </message>
        <message>
            <source>Opération</source>
            <translation>Operation</translation>
        </message>
        <message>
            <source>Montant</source>
            <translation>Amount</translation>
        </message>
        <message>
            <source>État</source>
            <translation>Status</translation>
        </message>
        <message>
            <source>Opérations de toutes les caisses</source>
            <translation>Operations of every till</translation>
        </message>
        <message>
            <source>Dernières opérations de toutes les caisses</source>
            <translation>Latest operations of every till</translation>
        </message>
        <message>
            <source>Chargement…</source>
            <translation>Loading…</translation>
        </message>
        <message>
            <source>En direct : {address}</source>
            <translation>Live: {address}</translation>
        </message>
        <message>
            <source>Mise à jour en direct interrompue : nouvel essai automatique ({address})</source>
            <translation>Live updates interrupted: retrying automatically ({address})</translation>
        </message>
        <message>
            <source>Base boutique injoignable ({address}) : les chiffres reviennent dès son retour.</source>
            <translation>Shop database unreachable ({address}): the figures come back as soon as it does.</translation>
        </message>
        <message>
            <source>Toute la boutique</source>
            <translation>Whole shop</translation>
        </message>
        <message>
            <source>{count} · {amount}</source>
            <translation>{count} · {amount}</translation>
        </message>
        <message>
            <source>pas clôturée</source>
            <translation>not closed</translation>
        </message>
        <message>
            <source>version {v}</source>
            <translation>version {v}</translation>
        </message>
        <message>
            <source>{text} (provisoire)</source>
            <translation>{text} (provisional)</translation>
        </message>
        <message>
            <source>Lien de paiement</source>
            <translation>Payment link</translation>
        </message>
        <message>
            <source>Transfert</source>
            <translation>Transfer</translation>
        </message>
        <message>
            <source>Espèces</source>
            <translation>Cash</translation>
        </message>
        <message>
            <source>Payé</source>
            <translation>Paid</translation>
        </message>
        <message>
            <source>Refusé</source>
            <translation>Refused</translation>
        </message>
        <message>
            <source>À vérifier</source>
            <translation>To check</translation>
        </message>
        <message>
            <source>Vérification</source>
            <translation>Check</translation>
        </message>
        <message>
            <source>Création</source>
            <translation>Creating</translation>
        </message>
        <message>
            <source>Annulé</source>
            <translation>Cancelled</translation>
        </message>
        <message>
            <source>Expiré</source>
            <translation>Expired</translation>
        </message>
        <message>
            <source>Transféré</source>
            <translation>Transferred</translation>
        </message>
        <message>
            <source>En cours</source>
            <translation>Processing</translation>
        </message>
        <message>
            <source>En file d'attente</source>
            <translation>Queued</translation>
        </message>
        <message>
            <source>Vente</source>
            <translation>Sale</translation>
        </message>
        <message>
            <source>Sortie</source>
            <translation>Pay-out</translation>
        </message>
        <message>
            <source>Fond de caisse</source>
            <translation>Float</translation>
        </message>
        <message>
            <source>Non abouti</source>
            <translation>Not completed</translation>
        </message>
    </context>
    <context>
        <name>StatusBar</name>
        <message>
            <source>État de la connexion à CinetPay (cliquer pour le détail)</source>
            <translation>Connection to CinetPay (click for details)</translation>
        </message>
        <message>
            <source>Connecté</source>
            <translation>Online</translation>
        </message>
        <message>
            <source>Connexion instable</source>
            <translation>Unstable connection</translation>
        </message>
        <message>
            <source>Hors ligne</source>
            <translation>Offline</translation>
        </message>
        <message>
            <source>Erreur d'identifiants</source>
            <translation>Credentials error</translation>
        </message>
        <message>
            <source>Synchronisation…</source>
            <translation>Synchronising…</translation>
        </message>
        <message>
            <source>CinetPay répond normalement.</source>
            <translation>CinetPay is answering normally.</translation>
        </message>
        <message>
            <source>CinetPay répond mal (lenteurs, erreurs du serveur ou trop de requêtes). Une opération sans réponse est vérifiée auprès de CinetPay avant toute nouvelle tentative.</source>
            <translation>CinetPay is answering badly (slow answers, server errors or too many requests). An operation left without an answer is checked with CinetPay before any new attempt.</translation>
        </message>
        <message>
            <source>CinetPay est injoignable. Les écrans montrent les dernières données enregistrées, avec leur heure. Les opérations en attente partiront automatiquement au retour du réseau.</source>
            <translation>CinetPay cannot be reached. The screens show the last data saved, with its time. Pending operations will go out automatically when the network is back.</translation>
        </message>
        <message>
            <source>CinetPay refuse les identifiants (clé API, site ID ou mot de passe de transfert). Vérifiez-les dans Réglages.</source>
            <translation>CinetPay refuses the credentials (API key, site ID or transfer password). Check them in Settings.</translation>
        </message>
        <message>
            <source>Envoi des opérations en attente, mise à jour des soldes et de l'historique…</source>
            <translation>Sending pending operations, updating balances and history…</translation>
        </message>
        <message>
            <source>Réseau : {state}</source>
            <translation>Network: {state}</translation>
        </message>
        <message>
            <source>Jamais synchronisé</source>
            <translation>Never synchronised</translation>
        </message>
        <message>
            <source>Dernière synchro : {when}</source>
            <translation>Last sync: {when}</translation>
        </message>
        <message>
            <source>Dernière synchronisation réussie avec CinetPay ({when})</source>
            <translation>Last successful synchronisation with CinetPay ({when})</translation>
        </message>
        <message>
            <source>Dernière erreur ({when}) : {error}</source>
            <translation>Last error ({when}): {error}</translation>
        </message>
        <message>
            <source>Opérations : …</source>
            <translation>Operations: …</translation>
        </message>
        <message>
            <source>Tout est confirmé</source>
            <translation>All confirmed</translation>
        </message>
        <message numerus="yes">
            <source>%n opération(s) non confirmée(s)</source>
            <translation>
                <numerusform>%n unconfirmed operation</numerusform>
                <numerusform>%n unconfirmed operations</numerusform>
            </translation>
        </message>
        <message>
            <source>Pas encore confirmées par CinetPay :</source>
            <translation>Not yet confirmed by CinetPay:</translation>
        </message>
        <message>
            <source>En file d'attente : {n}</source>
            <translation>Queued: {n}</translation>
        </message>
        <message>
            <source>Envoi en cours : {n}</source>
            <translation>Sending: {n}</translation>
        </message>
        <message>
            <source>Incertaines (vérification) : {n}</source>
            <translation>Uncertain (being checked): {n}</translation>
        </message>
        <message>
            <source>Liens en attente du client : {n}</source>
            <translation>Links awaiting the customer: {n}</translation>
        </message>
        <message>
            <source>Transferts en cours : {n}</source>
            <translation>Transfers in progress: {n}</translation>
        </message>
        <message>
            <source>Cliquer pour voir la liste</source>
            <translation>Click to see the list</translation>
        </message>
    </context>
    <context>
        <name>SwitchPanel</name>
        <message>
            <source>Qui est à la caisse ?</source>
            <translation>Who is at the till?</translation>
        </message>
        <message>
            <source>nom</source>
            <translation>name</translation>
        </message>
        <message>
            <source>code</source>
            <translation>code</translation>
        </message>
        <message>
            <source>Entrer</source>
            <translation>Sign in</translation>
        </message>
        <message>
            <source>Saisissez votre nom.</source>
            <translation>Type your name.</translation>
        </message>
        <message>
            <source>Saisissez votre code.</source>
            <translation>Type your code.</translation>
        </message>
    </context>
    <context>
        <name>TodayLinks</name>
        <message>
            <source>Afficher son QR</source>
            <translation>Show QR</translation>
        </message>
        <message>
            <source>Vérifier tous les paiements en attente (F5)</source>
            <translation>Check all pending payments (F5)</translation>
        </message>
    </context>
    <context>
        <name>TrainingBanner</name>
        <message>
            <source>Simulateur : aucun argent réel n'est encaissé ni envoyé</source>
            <translation>Simulator: no real money is collected or sent</translation>
        </message>
    </context>
    <context>
        <name>TransferSender</name>
        <message>
            <source>{amount} à {name}</source>
            <translation>{amount} to {name}</translation>
        </message>
    </context>
    <context>
        <name>TransferWording</name>
        <message>
            <source>En attente de traitement</source>
            <translation>Awaiting processing</translation>
        </message>
        <message>
            <source>En file d'attente (pas encore envoyé)</source>
            <translation>Queued (not sent yet)</translation>
        </message>
        <message>
            <source>Incertain : vérification, jamais renvoyé</source>
            <translation>Uncertain: checking, never resent</translation>
        </message>
        <message>
            <source>Envoi…</source>
            <translation>Sending…</translation>
        </message>
        <message>
            <source>Échec</source>
            <translation>Failed</translation>
        </message>
        <message>
            <source>À vérifier avec CinetPay</source>
            <translation>Check with CinetPay</translation>
        </message>
        <message>
            <source>En attente de votre confirmation par e-mail</source>
            <translation>Awaiting your e-mail confirmation</translation>
        </message>
        <message>
            <source>Appelez CinetPay avec cet identifiant : il n'est jamais renvoyé automatiquement ({id})</source>
            <translation>Call CinetPay with this id: it is never sent again automatically ({id})</translation>
        </message>
        <message>
            <source>Confirmez-le dans l'e-mail envoyé par CinetPay (ou demandez à CinetPay d'autoriser l'adresse IP de la boutique)</source>
            <translation>Confirm it in the e-mail CinetPay sent you (or ask CinetPay to whitelist the shop's IP address)</translation>
        </message>
        <message>
            <source>Transfert de {what} envoyé : {status}.</source>
            <translation>Transfer of {what} sent: {status}.</translation>
        </message>
        <message>
            <source>Hors ligne : le transfert de {what} est en file d'attente ; il partira automatiquement au retour du réseau, une seule fois.</source>
            <translation>Offline: the transfer of {what} is queued; it will go out automatically, only once, when the network is back.</translation>
        </message>
        <message>
            <source>Réponse perdue pour le transfert de {what} : Comptoir vérifie auprès de CinetPay ; il ne sera jamais envoyé deux fois.</source>
            <translation>Answer lost for the transfer of {what}: Comptoir is checking with CinetPay; it will never be sent twice.</translation>
        </message>
        <message>
            <source>Transfert de {what} rejeté.</source>
            <translation>Transfer of {what} rejected.</translation>
        </message>
        <message>
            <source>Transfert de {what} refusé : {why}</source>
            <translation>Transfer of {what} refused: {why}</translation>
        </message>
        <message>
            <source>Envoyé : {status}</source>
            <translation>Sent: {status}</translation>
        </message>
        <message>
            <source>En file d'attente (hors ligne)</source>
            <translation>Queued (offline)</translation>
        </message>
        <message>
            <source>Incertain : vérification</source>
            <translation>Uncertain: checking</translation>
        </message>
        <message>
            <source>Refusé : {why}</source>
            <translation>Refused: {why}</translation>
        </message>
    </context>
    <context>
        <name>TransfersModel</name>
        <message>
            <source>Date</source>
            <translation>Date</translation>
        </message>
        <message>
            <source>Destinataire</source>
            <translation>Recipient</translation>
        </message>
        <message>
            <source>Numéro</source>
            <translation>Number</translation>
        </message>
        <message>
            <source>Montant</source>
            <translation>Amount</translation>
        </message>
        <message>
            <source>Statut</source>
            <translation>Status</translation>
        </message>
        <message>
            <source>Détail</source>
            <translation>Details</translation>
        </message>
    </context>
    <context>
        <name>TransfersTab</name>
        <message>
            <source>Transferts</source>
            <translation>Transfers</translation>
        </message>
        <message>
            <source>Nouveau transfert</source>
            <translation>New transfer</translation>
        </message>
        <message>
            <source>Tapez un nom ou un numéro</source>
            <translation>Type a name or a number</translation>
        </message>
        <message>
            <source>Montant du transfert</source>
            <translation>Transfer amount</translation>
        </message>
        <message>
            <source>&amp;Envoyer…</source>
            <translation>&amp;Send…</translation>
        </message>
        <message>
            <source>&amp;Destinataire</source>
            <translation>&amp;Recipient</translation>
        </message>
        <message>
            <source>&amp;Montant</source>
            <translation>&amp;Amount</translation>
        </message>
        <message>
            <source>Numéro, ex. +{code} 07 01 02 03 04</source>
            <translation>Number, e.g. +{code} 07 01 02 03 04</translation>
        </message>
        <message>
            <source>Moyen de &amp;paiement</source>
            <translation>&amp;Payment method</translation>
        </message>
        <message>
            <source>Nouvelle plateforme CinetPay : saisissez le numéro du destinataire et choisissez son moyen de paiement.</source>
            <translation>CinetPay's new platform: type the recipient's number and choose their payment method.</translation>
        </message>
        <message>
            <source>Transferts par &amp;lot (CSV)…</source>
            <translation>&amp;Batch transfers (CSV)…</translation>
        </message>
        <message>
            <source>Actualiser les statuts (F5)</source>
            <translation>Refresh statuses (F5)</translation>
        </message>
        <message>
            <source>Transferts envoyés</source>
            <translation>Transfers sent</translation>
        </message>
        <message>
            <source>Disponible : {amount}</source>
            <translation>Available: {amount}</translation>
        </message>
        <message>
            <source>(hors ligne, {when})</source>
            <translation>(offline, {when})</translation>
        </message>
        <message>
            <source>Au-dessus du solde disponible pour les transferts ({amount})</source>
            <translation>Above the balance available for transfers ({amount})</translation>
        </message>
        <message>
            <source>Hors ligne : statuts non actualisés pour l'instant.</source>
            <translation>Offline: statuses not refreshed for now.</translation>
        </message>
        <message numerus="yes">
            <source>%n transfert(s) suivi(s), dont {done}.</source>
            <translation>
                <numerusform>%n transfer tracked, of which {done}.</numerusform>
                <numerusform>%n transfers tracked, of which {done}.</numerusform>
            </translation>
        </message>
        <message numerus="yes">
            <source>%n effectué(s)</source>
            <translation>
                <numerusform>%n done</numerusform>
                <numerusform>%n done</numerusform>
            </translation>
        </message>
        <message>
            <source>Aucun transfert en cours.</source>
            <translation>No transfers in progress.</translation>
        </message>
        <message>
            <source>Choisissez un contact dans la liste</source>
            <translation>Choose a contact from the list</translation>
        </message>
        <message>
            <source>Choisissez le destinataire</source>
            <translation>Choose the recipient</translation>
        </message>
        <message>
            <source>Saisissez le montant à envoyer</source>
            <translation>Enter the amount to send</translation>
        </message>
        <message>
            <source>Saisissez le numéro du destinataire</source>
            <translation>Type the recipient's number</translation>
        </message>
    </context>
    <context>
        <name>WaitingList</name>
        <message>
            <source>Opérations non confirmées</source>
            <translation>Unconfirmed operations</translation>
        </message>
        <message>
            <source>Pas encore confirmées par CinetPay. Un lien annulé n'est plus attendu : dites au client de ne pas payer (un paiement qui arrive quand même est enregistré et signalé).</source>
            <translation>Not yet confirmed by CinetPay. A cancelled link is no longer awaited: tell the customer not to pay (a payment that still arrives is recorded and flagged).</translation>
        </message>
        <message>
            <source>Tout est confirmé.</source>
            <translation>Everything is confirmed.</translation>
        </message>
        <message>
            <source>Type</source>
            <translation>Type</translation>
        </message>
        <message>
            <source>Créé</source>
            <translation>Created</translation>
        </message>
        <message>
            <source>Montant / pour</source>
            <translation>Amount / for</translation>
        </message>
        <message>
            <source>État</source>
            <translation>Status</translation>
        </message>
        <message>
            <source>Lien de paiement</source>
            <translation>Payment link</translation>
        </message>
        <message>
            <source>Transfert</source>
            <translation>Transfer</translation>
        </message>
        <message>
            <source>Contact</source>
            <translation>Contact</translation>
        </message>
        <message>
            <source>Annuler</source>
            <translation>Cancel</translation>
        </message>
        <message>
            <source>Ne plus attendre ce paiement</source>
            <translation>Stop waiting for this payment</translation>
        </message>
        <message>
            <source>Lien annulé : dites au client de ne pas payer.</source>
            <translation>Link cancelled: tell the customer not to pay.</translation>
        </message>
    </context>
    <context>
        <name>WelcomePage</name>
        <message>
            <source>Bienvenue dans Comptoir</source>
            <translation>Welcome to Comptoir</translation>
        </message>
        <message>
            <source>Le back-office CinetPay de votre caisse : encaisser par QR code, suivre l'historique, envoyer des transferts.</source>
            <translation>The CinetPay back-office of your till: take payments by QR code, follow the history, send transfers.</translation>
        </message>
        <message>
            <source>Connecter mon compte CinetPay</source>
            <translation>Connect my CinetPay account</translation>
        </message>
        <message>
            <source>Les identifiants se trouvent dans votre back-office CinetPay (menu Intégrations). Ils sont vérifiés auprès de CinetPay, puis enregistrés dans le coffre sécurisé du système, jamais dans un fichier.</source>
            <translation>The credentials are in your CinetPay back-office (Integrations menu). They are checked with CinetPay, then saved in the system's secure keyring, never in a file.</translation>
        </message>
        <message>
            <source>Vérifier et enregistrer</source>
            <translation>Check and save</translation>
        </message>
        <message>
            <source>Utiliser pour cette session seulement</source>
            <translation>Use for this session only</translation>
        </message>
        <message>
            <source>Essayer en mode formation</source>
            <translation>Try training mode</translation>
        </message>
        <message>
            <source>Un simulateur CinetPay intégré et une boutique de démonstration : des centaines de ventes, des contacts, des soldes. Rien n'est réellement encaissé ni envoyé, et rien n'est mélangé avec le vrai journal.</source>
            <translation>A built-in CinetPay simulator and a demo shop: hundreds of sales, contacts, balances. Nothing is really collected or sent, and nothing mixes with the real journal.</translation>
        </message>
        <message>
            <source>Démarrer la formation</source>
            <translation>Start training</translation>
        </message>
        <message>
            <source>Aucun coffre sécurisé : les identifiants ne pourront pas être enregistrés.</source>
            <translation>No secure keyring: the credentials cannot be saved.</translation>
        </message>
        <message>
            <source>Formation (nouvelle plateforme CinetPay)</source>
            <translation>Training (CinetPay's current platform)</translation>
        </message>
        <message>
            <source>La même formation avec un compte à clé sk_test_ (mot de passe API, un pays).</source>
            <translation>The same training with an sk_test_ key account (API password, one country).</translation>
        </message>
        <message>
            <source>Vérification auprès de CinetPay…</source>
            <translation>Checking with CinetPay…</translation>
        </message>
        <message>
            <source>Compte connecté.</source>
            <translation>Account connected.</translation>
        </message>
        <message>
            <source>Aucun coffre sécurisé n'est disponible.</source>
            <translation>No secure keyring is available.</translation>
        </message>
        <message>
            <source>Identifiants refusés par CinetPay : rien n'a été enregistré.</source>
            <translation>Credentials refused by CinetPay: nothing was saved.</translation>
        </message>
        <message>
            <source>CinetPay accepte ces identifiants, mais ils n'ont pas pu être enregistrés : {why}</source>
            <translation>CinetPay accepts these credentials, but they could not be saved: {why}</translation>
        </message>
    </context>
    <context>
        <name>app</name>
        <message>
            <source>Erreur inattendue ({name}). L'opération en cours a peut-être échoué ; les détails sont dans le dossier logs.</source>
            <translation>Unexpected error ({name}). The current operation may have failed; the details are in the logs folder.</translation>
        </message>
        <message>
            <source>Ouverture de Comptoir…</source>
            <translation>Opening Comptoir…</translation>
        </message>
        <message>
            <source>Comptoir est déjà ouvert sur ce poste avec le dossier {path}. Utilisez la fenêtre déjà ouverte.</source>
            <translation>Comptoir is already open on this computer with the folder {path}. Use the window already open.</translation>
        </message>
        <message>
            <source>Rechargement…</source>
            <translation>Reloading…</translation>
        </message>
        <message>
            <source>Fermeture : envoi des opérations en attente…</source>
            <translation>Closing: sending pending operations…</translation>
        </message>
        <message>
            <source>Comptoir est déjà ouvert sur ce poste (dossier {path}).</source>
            <translation>Comptoir is already open on this computer (folder {path}).</translation>
        </message>
        <message>
            <source>La fenêtre existante a été mise au premier plan.</source>
            <translation>The existing window was brought to the front.</translation>
        </message>
    </context>
    <context>
        <name>files</name>
        <message>
            <source>Fichiers CSV (*.csv *.txt)</source>
            <translation>CSV files (*.csv *.txt)</translation>
        </message>
        <message>
            <source>Tous les fichiers (*)</source>
            <translation>All files (*)</translation>
        </message>
        <message>
            <source>Fichier illisible : {why}</source>
            <translation>Cannot read the file: {why}</translation>
        </message>
    </context>
    <context>
        <name>formatting</name>
        <message>
            <source>jamais actualisé</source>
            <translation>never refreshed</translation>
        </message>
        <message>
            <source>au {when}</source>
            <translation>as of {when}</translation>
        </message>
        <message>
            <source>En attente</source>
            <translation>Pending</translation>
        </message>
        <message>
            <source>PAYÉ</source>
            <translation>PAID</translation>
        </message>
        <message>
            <source>Refusé</source>
            <translation>Refused</translation>
        </message>
        <message>
            <source>Nouveau</source>
            <translation>New</translation>
        </message>
        <message>
            <source>En cours</source>
            <translation>Processing</translation>
        </message>
        <message>
            <source>En attente de confirmation</source>
            <translation>Awaiting confirmation</translation>
        </message>
        <message>
            <source>Effectué</source>
            <translation>Done</translation>
        </message>
        <message>
            <source>Rejeté</source>
            <translation>Rejected</translation>
        </message>
        <message>
            <source>En file d'attente</source>
            <translation>Queued</translation>
        </message>
        <message>
            <source>Envoi…</source>
            <translation>Sending…</translation>
        </message>
        <message>
            <source>Envoyé</source>
            <translation>Sent</translation>
        </message>
        <message>
            <source>Terminé</source>
            <translation>Finished</translation>
        </message>
        <message>
            <source>Incertain : vérification</source>
            <translation>Uncertain: checking</translation>
        </message>
        <message>
            <source>Échec</source>
            <translation>Failed</translation>
        </message>
    </context>
    <context>
        <name>labels</name>
        <message>
            <source>(aucun)</source>
            <translation>(none)</translation>
        </message>
        <message>
            <source>(inconnu)</source>
            <translation>(unknown)</translation>
        </message>
    </context>
    <context>
        <name>messages</name>
        <message>
            <source>Erreur inattendue : {name}</source>
            <translation>Unexpected error: {name}</translation>
        </message>
        <message>
            <source>Fermer le message</source>
            <translation>Close the message</translation>
        </message>
    </context>
    <context>
        <name>settings</name>
        <message>
            <source>Code actuel incorrect.</source>
            <translation>Wrong current PIN.</translation>
        </message>
        <message>
            <source>Trop de codes erronés : réessayez dans {seconds} s.</source>
            <translation>Too many wrong PINs: try again in {seconds} s.</translation>
        </message>
        <message>
            <source>Le code ne peut pas être vérifié (coffre du système illisible ou code effacé) : le gérant le réinitialise ci-dessous.</source>
            <translation>The PIN cannot be checked (system keyring unreadable or PIN erased): the manager resets it below.</translation>
        </message>
        <message>
            <source>Code incorrect.</source>
            <translation>Wrong PIN.</translation>
        </message>
    </context>
</TS>
