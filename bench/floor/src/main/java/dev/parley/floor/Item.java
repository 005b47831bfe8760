package dev.parley.floor;

import java.time.LocalDate;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;

/** One row: enough for Hibernate ORM to map, query and write something. */
@Entity
public class Item {

    @Id
    public String slug;
    public String title;
    public String status;
    @Column(name = "tabled_on")
    public LocalDate tabledOn;
}
