{{ campaign.dossier.copies[0].copies + 1 }}
